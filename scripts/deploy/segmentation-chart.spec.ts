import { ChartWorkspace, HelmCommandError } from './helm-cli';
import { named, ofKind, parseManifests, podSpecOf, RenderedScenarios, validateManifests, type Container, type K8sObject } from './manifests';
import { configProblems, configuredServices, servedGetPaths, serviceRequirements } from './service-requirements';

const CHART = 'segmentation';
const RELEASE = 'seg';
const NODE_SERVICES = ['gateway', 'ingestion', 'training', 'scoring', 'offers'];
const SUBGRAPHS = ['ingestion', 'training', 'scoring', 'offers'];
// Defaults inside the image the service only reads, so they may stay: the gateway's composed supergraph.
const READ_ONLY_IMAGE_FILES = ['GATEWAY_SUPERGRAPH_FILE'];
const SECRET_VARIABLES = ['DATABASE_URL', 'GATEWAY_JWT_SECRET', 'GATEWAY_SUBGRAPH_SECRET', 'ERASURE_SALT', 'MLFLOW_BACKEND_STORE_URI', 'AWS_SECRET_ACCESS_KEY', 'POSTGRES_PASSWORD'];

let workspace: ChartWorkspace;
let scenarios: RenderedScenarios;

beforeAll(() => {
  workspace = ChartWorkspace.create();
  scenarios = new RenderedScenarios(workspace, CHART, RELEASE);
});

afterAll(() => workspace?.remove());

const scenario = (name: string): K8sObject[] => scenarios.scenario(name);

function allScenarios(): [string, K8sObject[]][] {
  return [...scenarios.byFile.entries()];
}

function containersOf(object: K8sObject): Container[] {
  const pod = podSpecOf(object);
  return pod ? [...pod.containers, ...(pod.initContainers ?? [])] : [];
}

/** Environment of a container: its own env entries and the data of the ConfigMaps it loads. */
function environmentOf(container: Container, objects: readonly K8sObject[]): Set<string> {
  const names = new Set((container.env ?? []).map((variable) => variable.name));
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) for (const key of Object.keys(named(objects, 'ConfigMap', source.configMapRef.name).data ?? {})) names.add(key);
  }
  return names;
}

function configMapValue(objects: readonly K8sObject[], service: string, key: string): string | undefined {
  return named(objects, 'ConfigMap', `${RELEASE}-${CHART}-${service}`).data?.[key];
}

describe('segmentation chart', () => {
  it('should render the ci scenarios minimal, production and dev-infra when helm templates each', () => {
    expect([...scenarios.byFile.keys()]).toEqual(['dev-infra-values.yaml', 'minimal-values.yaml', 'production-values.yaml']);
  });

  it('should pass helm lint --strict when linted with every ci scenario', () => {
    for (const file of workspace.scenarios(CHART)) expect(() => workspace.lint(CHART, file)).not.toThrow();
  });

  it('should produce only objects valid against the Kubernetes schemas when any scenario renders', () => {
    for (const [, objects] of allScenarios()) expect(() => validateManifests(objects)).not.toThrow();
  });

  it('should run no container as root, with the default seccomp profile, without privilege escalation and with all capabilities dropped when any scenario renders', () => {
    for (const [file, objects] of allScenarios()) {
      for (const object of objects) {
        const pod = podSpecOf(object);
        if (!pod) continue;
        // What the k8s/ namespace's Pod Security level "restricted" admits.
        const { runAsNonRoot, seccompProfile } = pod.securityContext as { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
        expect({ file, object: object.metadata.name, runAsNonRoot, seccomp: seccompProfile?.type }).toEqual({ file, object: object.metadata.name, runAsNonRoot: true, seccomp: 'RuntimeDefault' });
        for (const container of containersOf(object)) {
          const context = container.securityContext ?? {};
          expect({ container: container.name, allowPrivilegeEscalation: context.allowPrivilegeEscalation, drop: context.capabilities?.drop }).toEqual({
            container: container.name,
            allowPrivilegeEscalation: false,
            drop: ['ALL'],
          });
        }
      }
    }
  });

  it('should give every platform container a read-only root file system when any scenario renders', () => {
    for (const [, objects] of allScenarios()) {
      for (const object of objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/part-of'] === 'segmentation' && !['kafka'].includes(o.metadata.labels?.['app.kubernetes.io/name'] ?? ''))) {
        for (const container of containersOf(object)) expect({ container: `${object.metadata.name}/${container.name}`, readOnly: container.securityContext?.readOnlyRootFilesystem }).toEqual({ container: `${object.metadata.name}/${container.name}`, readOnly: true });
      }
    }
  });

  it('should take every secret from a secretKeyRef and put no Secret object or secret value in the release when any scenario renders', () => {
    for (const [, objects] of allScenarios()) {
      expect(ofKind(objects, 'Secret')).toEqual([]);
      for (const object of objects) {
        for (const container of containersOf(object)) {
          for (const variable of container.env ?? []) {
            if (SECRET_VARIABLES.includes(variable.name)) expect({ name: variable.name, value: variable.value, ref: Boolean(variable.valueFrom?.secretKeyRef) }).toEqual({ name: variable.name, value: undefined, ref: true });
          }
        }
      }
      for (const configMap of ofKind(objects, 'ConfigMap')) {
        for (const key of Object.keys(configMap.data ?? {})) expect(SECRET_VARIABLES).not.toContain(key);
      }
    }
  });

  it('should give the gateway and every container of a subgraph image the shared secret from the one Secret key when any scenario renders', () => {
    const images = new RegExp(`/(${['gateway', ...SUBGRAPHS].join('|')}):`);
    for (const [file, objects] of allScenarios()) {
      // The helm test Pod signs its own token with the JWT secret and calls only the gateway; the topics Job runs
      // the Kafka CLI of an image, not a service.
      const platform = objects.filter((object) => object.metadata.annotations?.['helm.sh/hook'] !== 'test' && object.metadata.name !== `${RELEASE}-${CHART}-topics`);
      const containers = platform.flatMap((object) => containersOf(object).map((container) => ({ object: `${object.kind}/${object.metadata.name}`, container })));
      const guarded = containers.filter(({ container }) => images.test(container.image));
      // Deployments, migration Jobs and the training CronJob at least.
      expect({ file, many: guarded.length >= 5 + SUBGRAPHS.length }).toEqual({ file, many: true });
      for (const { object, container } of guarded) {
        const secret = container.env?.find((variable) => variable.name === 'GATEWAY_SUBGRAPH_SECRET');
        expect({ object, ref: secret?.valueFrom?.secretKeyRef }).toEqual({ object, ref: { name: 'segmentation-gateway', key: 'subgraph-secret' } });
      }
    }
  });

  it('should give ingestion, training and scoring, and only them, the erasure salt from the one Secret key when the chart renders', () => {
    const objects = scenario('production');
    for (const service of NODE_SERVICES) {
      const [container] = containersOf(named(objects, 'Deployment', `${RELEASE}-${CHART}-${service}`));
      const salt = container.env?.find((variable) => variable.name === 'ERASURE_SALT')?.valueFrom?.secretKeyRef;
      expect({ service, salt }).toEqual({ service, salt: ['ingestion', 'training', 'scoring'].includes(service) ? { name: 'segmentation-gateway', key: 'erasure-salt' } : undefined });
    }
  });

  it('should set every variable a service config requires, and move every path it writes out of the read-only image, when any scenario renders', () => {
    const services = configuredServices();
    expect(services.length).toBeGreaterThan(0);
    for (const [, objects] of allScenarios()) {
      for (const service of services) {
        const { mustBeSet, defaultsInsideRepository } = serviceRequirements(service);
        const [container] = containersOf(named(objects, 'Deployment', `${RELEASE}-${CHART}-${service}`));
        const environment = environmentOf(container, objects);
        expect({ service, missing: mustBeSet.filter((name) => !environment.has(name)) }).toEqual({ service, missing: [] });
        for (const name of defaultsInsideRepository.filter((n) => !READ_ONLY_IMAGE_FILES.includes(n))) {
          expect({ service, name, set: configMapValue(objects, service, name) !== undefined }).toEqual({ service, name, set: true });
        }
        if (defaultsInsideRepository.includes(`${service.toUpperCase()}_SCHEMA_FILE`)) expect(configMapValue(objects, service, `${service.toUpperCase()}_SCHEMA_FILE`)).toBe('-');
      }
    }
  });

  it('should point readiness and liveness probes only at paths the services serve when minimal renders', () => {
    const objects = scenario('minimal');
    for (const service of configuredServices()) {
      const served = servedGetPaths(service);
      const [container] = containersOf(named(objects, 'Deployment', `${RELEASE}-${CHART}-${service}`));
      const probed = [container.readinessProbe, container.livenessProbe, container.startupProbe].flatMap((probe) => (probe?.httpGet ? [probe.httpGet.path] : []));
      expect(probed).toHaveLength(3);
      for (const path of probed) expect({ service, path, served: served.includes(path) }).toEqual({ service, path, served: true });
    }
  });

  it('should probe liveness over HTTP on what a restart can fix and readiness on the dependencies when any scenario renders', () => {
    const expected: Record<string, [string, string]> = { gateway: ['/ready', '/health'], web: ['/health', '/health'] };
    for (const service of SUBGRAPHS) expected[service] = ['/health', '/health/live'];
    for (const [file, objects] of allScenarios()) {
      for (const [service, [readiness, liveness]] of Object.entries(expected)) {
        const [container] = containersOf(named(objects, 'Deployment', `${RELEASE}-${CHART}-${service}`));
        expect({ file, service, readiness: container.readinessProbe?.httpGet?.path, liveness: container.livenessProbe?.httpGet?.path, startup: container.startupProbe?.httpGet?.path }).toEqual({
          file,
          service,
          readiness,
          liveness,
          startup: liveness,
        });
        // No TCP check anywhere: an open port says nothing of a consumer that stopped.
        expect([container.readinessProbe, container.livenessProbe, container.startupProbe].filter((probe) => probe?.tcpSocket !== undefined)).toEqual([]);
      }
    }
  });

  it('should take the probe timings from values.probes when they are set', () => {
    const objects = parseManifests(
      workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set: ['probes.liveness.failureThreshold=5', 'probes.liveness.periodSeconds=30', 'probes.readiness.timeoutSeconds=4'] }),
      'probes',
    );
    const [ingestion] = containersOf(named(objects, 'Deployment', `${RELEASE}-${CHART}-ingestion`));

    expect(ingestion.livenessProbe).toMatchObject({ periodSeconds: 30, failureThreshold: 5, timeoutSeconds: 5 });
    expect(ingestion.readinessProbe).toMatchObject({ periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 4 });
    expect(() => workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set: ['probes.liveness.failureThreshold=0'] })).toThrow(HelmCommandError);
  });

  it('should run train --once from a CronJob that forbids concurrent runs when the schedule is on', () => {
    const objects = scenario('production');
    const cronJob = named(objects, 'CronJob', `${RELEASE}-${CHART}-train`);
    const spec = cronJob.spec as { concurrencyPolicy: string; schedule: string; timeZone: string; successfulJobsHistoryLimit: number; failedJobsHistoryLimit: number };
    expect(spec).toMatchObject({ concurrencyPolicy: 'Forbid', schedule: '30 2 * * *', timeZone: 'Europe/Paris', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3 });
    const [train] = containersOf(cronJob);
    expect(train.args?.slice(0, 2)).toEqual(['train', '--once']);
    expect(train.image).toBe('registry.example.com/segmentation/training:1.4.2');
    expect(ofKind(objects, 'Job').filter((job) => !job.metadata.annotations?.['helm.sh/hook'])).toEqual([]);
  });

  it('should render the on-demand training Job with the same command when trainingJob is enabled', () => {
    const job = named(scenario('dev-infra'), 'Job', `${RELEASE}-${CHART}-train-first`);
    expect(containersOf(job)[0].args?.slice(0, 2)).toEqual(['train', '--once']);
    expect(job.metadata.annotations?.['helm.sh/hook']).toBeUndefined();
  });

  it('should provision topics and run each schema-owning service migrations in pre-install/pre-upgrade hooks, none for the gateway or web, when minimal renders', () => {
    const hooks = ofKind(scenario('minimal'), 'Job').filter((job) => job.metadata.annotations?.['helm.sh/hook'] === 'pre-install,pre-upgrade');
    expect(hooks.map((job) => job.metadata.name).sort()).toEqual([
      `${RELEASE}-mlflow-db-upgrade`,
      `${RELEASE}-${CHART}-ingestion-migrate`,
      `${RELEASE}-${CHART}-offers-migrate`,
      `${RELEASE}-${CHART}-scoring-migrate`,
      `${RELEASE}-${CHART}-topics`,
      `${RELEASE}-${CHART}-training-migrate`,
    ]);
    const topics = containersOf(named(scenario('minimal'), 'Job', `${RELEASE}-${CHART}-topics`))[0];
    expect(topics.env?.find((variable) => variable.name === 'KAFKA_REPLICATION_FACTOR')?.value).toBe('3');
  });

  it('should run the setup hooks after install when the development PostgreSQL and Kafka come with the release', () => {
    const objects = scenario('dev-infra');
    const setup = ofKind(objects, 'Job').filter((job) => job.metadata.annotations?.['helm.sh/hook'] !== undefined);
    expect(setup.length).toBe(6);
    for (const job of setup) expect({ job: job.metadata.name, hook: job.metadata.annotations?.['helm.sh/hook'] }).toEqual({ job: job.metadata.name, hook: 'post-install,pre-upgrade' });
    const topics = containersOf(named(objects, 'Job', `${RELEASE}-${CHART}-topics`))[0];
    expect(topics.env?.find((variable) => variable.name === 'KAFKA_REPLICATION_FACTOR')?.value).toBe('1');
  });

  it('should autoscale exactly gateway and scoring, with scoring bounded by the topic partitions, when production renders', () => {
    const objects = scenario('production');
    const hpas = ofKind(objects, 'HorizontalPodAutoscaler');
    expect(hpas.map((hpa) => hpa.metadata.name).sort()).toEqual([`${RELEASE}-${CHART}-gateway`, `${RELEASE}-${CHART}-scoring`]);
    expect(named(objects, 'HorizontalPodAutoscaler', `${RELEASE}-${CHART}-scoring`).spec?.maxReplicas).toBe(6);
    // An autoscaled Deployment leaves replicas to the HPA, or every upgrade would reset them.
    expect(named(objects, 'Deployment', `${RELEASE}-${CHART}-scoring`).spec?.replicas).toBeUndefined();
  });

  it('should refuse to render when the scoring HPA could exceed the partitions of its topic', () => {
    expect(() => workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set: ['services.scoring.autoscaling.maxReplicas=4'] })).toThrow(/exceeds kafka.featuresTopicPartitions/);
  });

  it('should give PodDisruptionBudgets to the replicated components when minimal renders', () => {
    const names = ofKind(scenario('minimal'), 'PodDisruptionBudget').map((pdb) => pdb.metadata.name).sort();
    expect(names).toEqual([`${RELEASE}-${CHART}-gateway`, `${RELEASE}-${CHART}-scoring`, `${RELEASE}-${CHART}-web`]);
  });

  it('should let only the gateway reach the subgraphs, and only the monitoring namespace their metrics port, when network policies render', () => {
    const objects = scenario('minimal');
    for (const service of SUBGRAPHS) {
      const policy = named(objects, 'NetworkPolicy', `${RELEASE}-${CHART}-${service}`);
      expect(policy.spec).toMatchObject({
        podSelector: { matchLabels: { 'app.kubernetes.io/name': service } },
        policyTypes: ['Ingress'],
        ingress: [
          { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': RELEASE } } }], ports: [{ port: 'http' }] },
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 'metrics' }] },
        ],
      });
    }
    // The gateway itself is reached from the ingress controller and the helm test pod, not from other pods.
    expect(JSON.stringify((named(objects, 'NetworkPolicy', `${RELEASE}-${CHART}-gateway`).spec as { ingress: unknown }).ingress)).not.toMatch(/"app.kubernetes.io\/name":"(ingestion|training|scoring|offers|web)"/);
  });

  it('should let only the services that use them reach the development PostgreSQL and Kafka when dev infra is on', () => {
    const objects = scenario('dev-infra');
    const sources = (name: string) =>
      ((named(objects, 'NetworkPolicy', `${RELEASE}-${CHART}-${name}`).spec as { ingress: { from: { podSelector: { matchExpressions: { values: string[] }[] } }[] }[] }).ingress[0].from[0].podSelector.matchExpressions[0].values);
    expect(sources('kafka').sort()).toEqual(['ingestion', 'scoring', 'topics', 'training', 'training-job']);
    expect(sources('postgresql')).not.toContain('gateway');
    expect(sources('postgresql')).not.toContain('web');
    expect(ofKind(objects, 'StatefulSet').map((s) => s.metadata.name).sort()).toEqual([`${RELEASE}-${CHART}-kafka`, `${RELEASE}-${CHART}-postgresql`]);
    expect(configMapValue(objects, 'scoring', 'KAFKA_BROKERS')).toBe(`${RELEASE}-${CHART}-kafka:9092`);
    expect(ofKind(scenario('minimal'), 'StatefulSet')).toEqual([]);
  });

  it('should give every component its own ServiceAccount and ConfigMap without API tokens when minimal renders', () => {
    const objects = scenario('minimal');
    for (const service of [...NODE_SERVICES, 'web']) {
      const account = named(objects, 'ServiceAccount', `${RELEASE}-${CHART}-${service}`);
      expect(account.automountServiceAccountToken).toBe(false);
      expect((named(objects, 'Deployment', `${RELEASE}-${CHART}-${service}`).spec as { template: { spec: { serviceAccountName: string } } }).template.spec.serviceAccountName).toBe(account.metadata.name);
    }
    for (const service of NODE_SERVICES) expect(configMapValue(objects, service, 'NODE_ENV')).toBe('production');
    expect(configMapValue(objects, 'gateway', 'SCORING_URL')).toBe(`http://${RELEASE}-${CHART}-scoring:4003/graphql`);
  });

  it('should route /graphql, /me, the CSV upload and the segment export to the gateway and / to the web client when the ingress is enabled', () => {
    const ingress = named(scenario('production'), 'Ingress', `${RELEASE}-${CHART}`);
    expect(JSON.stringify(ingress.spec)).toContain(`"path":"/graphql","pathType":"Prefix","backend":{"service":{"name":"${RELEASE}-${CHART}-gateway"`);
    for (const path of ['/me', '/v1/customers/csv', '/v1/segment-members']) {
      expect(JSON.stringify(ingress.spec)).toContain(`"path":"${path}","pathType":"Exact","backend":{"service":{"name":"${RELEASE}-${CHART}-gateway"`);
    }
    expect(configMapValue(scenario('production'), 'gateway', 'GATEWAY_CORS_ORIGINS')).toBe('https://segmentation.example.com');
    expect(ofKind(scenario('minimal'), 'Ingress')).toEqual([]);
  });

  it('should ship a helm test that checks the gateway, signing a token with the referenced JWT secret only with local sign-in', () => {
    const testContainer = (name: string) => {
      const test = ofKind(scenario(name), 'Pod').find((pod) => pod.metadata.annotations?.['helm.sh/hook'] === 'test');
      if (!test) throw new Error(`no helm test Pod rendered in ${name}`);
      return containersOf(test)[0];
    };
    const oidc = testContainer('minimal');
    const local = testContainer('dev-infra');
    expect(oidc.env?.find((variable) => variable.name === 'GATEWAY_URL')?.value).toBe(`http://${RELEASE}-${CHART}-gateway:4000`);
    expect(oidc.env?.find((variable) => variable.name === 'GATEWAY_JWT_SECRET')).toBeUndefined();
    expect(local.env?.find((variable) => variable.name === 'GATEWAY_JWT_SECRET')?.valueFrom?.secretKeyRef).toEqual({ name: 'segmentation-gateway', key: 'jwt-secret' });
    expect(oidc.args?.[0]).toContain('/ready');
  });

  describe('sign-in', () => {
    /** The gateway's environment as its pod gets it, secrets standing in as placeholders. */
    function gatewayEnvironment(objects: readonly K8sObject[]): NodeJS.ProcessEnv {
      const [container] = containersOf(named(objects, 'Deployment', `${RELEASE}-${CHART}-gateway`));
      const fromConfigMap = named(objects, 'ConfigMap', `${RELEASE}-${CHART}-gateway`).data ?? {};
      const secrets = Object.fromEntries((container.env ?? []).filter((variable) => variable.valueFrom?.secretKeyRef).map((variable) => [variable.name, 's'.repeat(40)]));
      return { ...fromConfigMap, ...secrets };
    }
    const webConfig = (objects: readonly K8sObject[]) => JSON.parse(named(objects, 'ConfigMap', `${RELEASE}-${CHART}-web`).data?.['config.json'] ?? 'null');

    it('should configure a gateway that starts in production in every scenario, with OIDC unless local sign-in is allowed', () => {
      for (const [file, objects] of allScenarios()) expect({ file, problems: configProblems('gateway', gatewayEnvironment(objects)) }).toEqual({ file, problems: [] });
      expect(gatewayEnvironment(scenario('minimal'))).toMatchObject({ AUTH_MODE: 'oidc', GATEWAY_OIDC_ISSUER: 'https://login.example.com/realms/segmentation', GATEWAY_OIDC_AUDIENCE: 'segmentation-gateway' });
      expect(gatewayEnvironment(scenario('minimal'))).not.toHaveProperty('GATEWAY_JWT_SECRET');
      expect(gatewayEnvironment(scenario('dev-infra'))).toMatchObject({ AUTH_MODE: 'local', GATEWAY_JWT_SECRET: expect.any(String) });
    });

    it('should pass the issuer, audience, role claim and role names of a hosted provider (Entra ID) to the gateway', () => {
      expect(gatewayEnvironment(scenario('production'))).toMatchObject({
        GATEWAY_OIDC_ISSUER: 'https://login.microsoftonline.com/8f0d2c1e-4b7a-4c3e-9d2f-1a2b3c4d5e6f/v2.0',
        GATEWAY_OIDC_AUDIENCE: 'api://segmentation',
        GATEWAY_OIDC_ALGORITHMS: 'RS256,ES256',
        GATEWAY_OIDC_ROLE_CLAIM: 'roles',
        GATEWAY_OIDC_VIEWER_ROLES: 'Segmentation.Read',
        GATEWAY_OIDC_ANALYST_ROLES: 'Segmentation.Predict',
        GATEWAY_OIDC_ADMIN_ROLES: 'Segmentation.Admin',
        GATEWAY_OIDC_WITHOUT_ROLE: 'refuse',
      });
    });

    it("should give the web client the provider and its public client in config.json, and the paste-a-token screen only with local sign-in", () => {
      expect(webConfig(scenario('production'))).toEqual({
        gatewayUrl: '/graphql',
        auth: { mode: 'oidc', authority: 'https://login.microsoftonline.com/8f0d2c1e-4b7a-4c3e-9d2f-1a2b3c4d5e6f/v2.0', clientId: '5b1c9e77-0d3a-4f6e-8a21-9c4d2e7f1b30', scope: 'openid profile api://segmentation/access' },
      });
      expect(webConfig(scenario('dev-infra'))).toEqual({ gatewayUrl: '/graphql', auth: { mode: 'local' } });
      const web = named(scenario('minimal'), 'Deployment', `${RELEASE}-${CHART}-web`).spec as { template: { spec: { volumes: { name: string; configMap?: { name: string } }[] } } };
      expect(web.template.spec.volumes).toContainEqual({ name: 'web-config', configMap: { name: `${RELEASE}-${CHART}-web` } });
    });

    it('should refuse to render local sign-in unless allowed, and OIDC without an issuer', () => {
      const render = (...set: string[]) => () => workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set });
      expect(render('auth.mode=local')).toThrow(/auth\.mode local .* set auth\.allowLocal=true/);
      expect(render('auth.mode=local', 'auth.allowLocal=true')).not.toThrow();
      expect(render('auth.oidc.issuer=')).toThrow(/auth\.oidc\.issuer is required with auth\.mode oidc/);
      expect(render('auth.oidc.algorithms={HS256}')).toThrow(HelmCommandError);
    });
  });

  it('should refuse values with an unknown key, a wrong type or a plaintext secret when the schema checks them', () => {
    const render = (set: string) => () => workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set: [set] });
    expect(render('services.gateway.replicaz=2')).toThrow(HelmCommandError);
    expect(render('services.gateway.replicas=two')).toThrow(HelmCommandError);
    expect(render('services.offers.config.DATABASE_URL=postgres://u:p@h/db')).toThrow(HelmCommandError);
    expect(render('trainingSchedule.concurrencyPolicy=Allow')).toThrow(HelmCommandError);
    expect(render('services.offers.config.OFFERS_LOG=debug')).not.toThrow();
  });

  it('should refuse to render without the Secrets an operator must provide', () => {
    const base = ['kafka.brokers=k:9092', 'mlflow.backendStore.existingSecret=m', 'auth.oidc.issuer=https://login.example.com/realms/segmentation'];
    expect(() => workspace.template(CHART, { set: [...base, 'secrets.gateway.existingSecret=g'] })).toThrow(/secrets\.database\.existingSecret is required/);
    expect(() => workspace.template(CHART, { set: [...base, 'secrets.database.existingSecret=d'] })).toThrow(/secrets\.gateway\.existingSecret is required/);
    expect(() => workspace.template(CHART, { set: [...base, 'secrets.database.existingSecret=d', 'secrets.gateway.existingSecret=g'] })).not.toThrow();
    // An empty key would render a secretKeyRef no Secret can satisfy: the services would start without their secret.
    expect(() => workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set: ['secrets.gateway.subgraphSecretKey='] })).toThrow(HelmCommandError);
    expect(() => workspace.template(CHART, { valuesFile: 'minimal-values.yaml', set: ['secrets.gateway.jwtSecretKey='] })).toThrow(HelmCommandError);
  });
});
