import { ChartWorkspace, HelmCommandError } from './helm-cli';
import { named, ofKind, podSpecOf, RenderedScenarios, validateManifests, type K8sObject } from './manifests';

const CHART = 'mlflow';
const RELEASE = 'tracking';

let workspace: ChartWorkspace;
let scenarios: RenderedScenarios;

beforeAll(() => {
  workspace = ChartWorkspace.create();
  scenarios = new RenderedScenarios(workspace, CHART, RELEASE);
});

afterAll(() => workspace?.remove());

const scenario = (name: string): K8sObject[] => scenarios.scenario(name);

function server(objects: readonly K8sObject[]) {
  const pod = podSpecOf(named(objects, 'Deployment', `${RELEASE}-${CHART}`));
  if (!pod) throw new Error('the MLflow Deployment has no pod spec');
  return { pod, container: pod.containers[0] };
}

describe('mlflow chart', () => {
  it('should lint and render valid Kubernetes objects when every ci scenario is used', () => {
    expect([...scenarios.byFile.keys()]).toEqual(['dev-infra-values.yaml', 'minimal-values.yaml', 'production-values.yaml']);
    for (const file of workspace.scenarios(CHART)) expect(() => workspace.lint(CHART, file)).not.toThrow();
    for (const objects of scenarios.byFile.values()) expect(() => validateManifests(objects)).not.toThrow();
  });

  it('should read the backend store URI only from the Secret and serve artifacts from a PVC when minimal renders', () => {
    const objects = scenario('minimal');
    const { container } = server(objects);
    expect(container.env?.find((variable) => variable.name === 'MLFLOW_BACKEND_STORE_URI')?.valueFrom?.secretKeyRef).toEqual({ name: 'mlflow-backend', key: 'backend-store-uri' });
    expect(container.args).toEqual(expect.arrayContaining(['--backend-store-uri=$(MLFLOW_BACKEND_STORE_URI)', '--serve-artifacts', '--artifacts-destination=/mlflow/artifacts']));
    expect(ofKind(objects, 'PersistentVolumeClaim').map((pvc) => pvc.metadata.name)).toEqual([`${RELEASE}-${CHART}-artifacts`]);
    expect(ofKind(objects, 'Secret')).toEqual([]);
  });

  it('should serve artifacts from the bucket with credentials by reference and no PVC when production renders', () => {
    const objects = scenario('production');
    const { container } = server(objects);
    expect(container.args).toContain('--artifacts-destination=s3://mlflow-artifacts/segmentation');
    expect(container.args?.find((arg) => arg.startsWith('--allowed-hosts='))).toContain('mlflow.example.com');
    expect(container.env?.find((variable) => variable.name === 'AWS_SECRET_ACCESS_KEY')?.valueFrom?.secretKeyRef?.name).toBe('mlflow-s3');
    expect(ofKind(objects, 'PersistentVolumeClaim')).toEqual([]);
  });

  it('should upgrade the backend store schema in a pre-install/pre-upgrade hook Job when dbUpgrade is on', () => {
    const job = named(scenario('minimal'), 'Job', `${RELEASE}-${CHART}-db-upgrade`);
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(podSpecOf(job)?.containers[0].command).toEqual(['mlflow', 'db', 'upgrade', '$(MLFLOW_BACKEND_STORE_URI)']);
    expect(ofKind(scenario('dev-infra'), 'Job')).toEqual([]);
  });

  it('should run as non-root with a read-only root file system and probe /health when any scenario renders', () => {
    for (const objects of scenarios.byFile.values()) {
      const { pod, container } = server(objects);
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect([container.readinessProbe?.httpGet?.path, container.livenessProbe?.httpGet?.path]).toEqual(['/health', '/health']);
    }
  });

  it('should admit only the training and scoring pods when the network policy is on, and render none when off', () => {
    expect(named(scenario('minimal'), 'NetworkPolicy', `${RELEASE}-${CHART}`).spec).toMatchObject({
      ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['training', 'scoring', 'training-job'] }] } }] }],
    });
    expect(ofKind(scenario('dev-infra'), 'NetworkPolicy')).toEqual([]);
  });

  it('should refuse an unknown key, an unknown artifact store and several replicas on one ReadWriteOnce volume', () => {
    const render = (set: string) => () => workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set: [set] });
    expect(render('artifact.type=pvc')).toThrow(HelmCommandError);
    expect(render('artifacts.type=gcs')).toThrow(HelmCommandError);
    expect(render('replicas=2')).toThrow(/needs artifacts.type=s3/);
  });
});
