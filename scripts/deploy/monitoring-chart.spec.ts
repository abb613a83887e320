import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ChartWorkspace, HELM_DIR } from './helm-cli';
import { named, ofKind, parseManifests, podSpecOf, validateManifests, type K8sObject } from './manifests';

const CHART = 'segmentation';
const RELEASE = 'seg';
const NODE_SERVICES = ['gateway', 'ingestion', 'scoring', 'offers', 'training'];
const METRICS_PORT = 9464;

let workspace: ChartWorkspace;
let minimal: K8sObject[];
let production: K8sObject[];

beforeAll(() => {
  workspace = ChartWorkspace.create();
  minimal = parseManifests(workspace.template(CHART, { valuesFile: 'minimal-values.yaml', release: RELEASE }), 'minimal');
  production = parseManifests(workspace.template(CHART, { valuesFile: 'production-values.yaml', release: RELEASE }), 'production');
});

afterAll(() => workspace?.remove());

const component = (name: string) => `${RELEASE}-${CHART}-${name}`;

describe('segmentation chart: metrics, traces and logs', () => {
  it('should expose a metrics port on every Node service container and Service, and none on the web client', () => {
    for (const name of NODE_SERVICES) {
      const container = podSpecOf(named(minimal, 'Deployment', component(name)))?.containers[0] as { ports?: { name: string; containerPort: number }[] };
      const service = named(minimal, 'Service', component(name)).spec as { ports: { name: string; port: number; targetPort: string }[] };

      expect({ name, ports: container.ports }).toEqual({ name, ports: [expect.objectContaining({ name: 'http' }), { name: 'metrics', containerPort: METRICS_PORT }] });
      expect(service.ports).toContainEqual({ name: 'metrics', port: METRICS_PORT, targetPort: 'metrics' });
      expect(named(minimal, 'ConfigMap', component(name)).data).toMatchObject({ [`${name.toUpperCase()}_METRICS_PORT`]: String(METRICS_PORT), LOG_LEVEL: 'info' });
    }
    expect((named(minimal, 'Service', component('web')).spec as { ports: { name: string }[] }).ports.map((p) => p.name)).toEqual(['http']);
  });

  it('should keep the metrics port out of the Ingress and open it only to the monitoring namespace', () => {
    const ingress = JSON.stringify(ofKind(production, 'Ingress'));
    const gatewayPolicy = named(minimal, 'NetworkPolicy', component('gateway')).spec as { ingress: { from: unknown[]; ports: { port: string }[] }[] };

    expect(ingress).not.toContain('metrics');
    expect(ingress).not.toContain(String(METRICS_PORT));
    expect(gatewayPolicy.ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 'metrics' }] });
  });

  it('should render no ServiceMonitor, PrometheusRule, dashboard or tracing by default', () => {
    expect(ofKind(minimal, 'ServiceMonitor')).toEqual([]);
    expect(ofKind(minimal, 'PrometheusRule')).toEqual([]);
    expect(ofKind(minimal, 'ConfigMap').filter((c) => c.metadata.name.endsWith('-dashboard'))).toEqual([]);
    for (const name of NODE_SERVICES) expect(named(minimal, 'ConfigMap', component(name)).data?.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it('should render one valid ServiceMonitor per Node service scraping its metrics port when enabled', () => {
    const monitors = ofKind(production, 'ServiceMonitor');

    expect(() => validateManifests(monitors)).not.toThrow();
    expect(monitors.map((m) => m.metadata.name).sort()).toEqual(NODE_SERVICES.map(component).sort());
    for (const monitor of monitors) {
      expect(monitor.metadata.labels).toMatchObject({ release: 'kube-prometheus-stack' });
      expect(monitor.spec).toEqual({
        selector: { matchLabels: { 'app.kubernetes.io/name': monitor.metadata.labels?.['app.kubernetes.io/name'], 'app.kubernetes.io/instance': RELEASE } },
        endpoints: [{ port: 'metrics', path: '/metrics', interval: '15s' }],
      });
    }
  });

  it('should put the very alert rules promtool tests into a valid PrometheusRule when enabled', () => {
    const rule = named(production, 'PrometheusRule', `${RELEASE}-${CHART}`);
    const file = parse(readFileSync(join(HELM_DIR, CHART, 'files', 'prometheus', 'alerts.yaml'), 'utf8')) as { groups: unknown[] };

    expect(() => validateManifests([rule])).not.toThrow();
    expect(rule.spec).toEqual(file);
    expect(JSON.stringify(rule.spec)).toContain('{{ $labels.group }}');
  });

  it('should ship the Grafana dashboard in a ConfigMap labelled for the sidecar when enabled', () => {
    const dashboard = named(production, 'ConfigMap', `${RELEASE}-${CHART}-dashboard`);
    const json = JSON.parse(dashboard.data?.['segmentation-dashboard.json'] ?? '') as { uid: string; panels: { targets?: { expr: string }[] }[] };

    expect(dashboard.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(dashboard.metadata.annotations).toEqual({ grafana_folder: 'Segmentation' });
    expect(json.uid).toBe('segmentation-platform');
    expect(json.panels.flatMap((p) => p.targets ?? []).length).toBeGreaterThan(20);
  });

  it('should turn tracing on with the OTLP endpoint, a service name and the ratio sampler when an endpoint is set', () => {
    for (const name of NODE_SERVICES) {
      expect(named(production, 'ConfigMap', component(name)).data).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.monitoring:4318',
        OTEL_SERVICE_NAME: name,
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.05',
      });
    }
  });

  it('should refuse a tracing endpoint that is not a URL, a sample ratio above 1 and an unknown log level', () => {
    for (const set of ['tracing.otlpEndpoint=otel:4318', 'tracing.sampleRatio=2', 'logLevel=loud']) {
      expect(() => workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set: [set] })).toThrow(/values don't meet the specifications of the schema/);
    }
  });
});
