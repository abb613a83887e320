import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { MlflowClient } from './mlflow-client';
import { mlflowConfigFromEnv } from './mlflow-config';
import { MlflowError } from './mlflow-error';
import { uniqueMlflowName } from './testing';

// Against the real tracking server of the local stack (MLFLOW_TRACKING_URI, default 127.0.0.1:5000).
describe(MlflowClient.name, () => {
  const client = new MlflowClient(mlflowConfigFromEnv());

  const newExperiment = () => client.getOrCreateExperiment(uniqueMlflowName('mlflow-client-it'));

  describe('experiments', () => {
    it('should create the experiment once and hand every racing caller the same one when they start together', async () => {
      const name = uniqueMlflowName('mlflow-client-it-race');

      const experiments = await Promise.all([1, 2, 3, 4].map(() => client.getOrCreateExperiment(name)));

      expect(new Set(experiments.map((e) => e.experimentId)).size).toBe(1);
      expect(experiments[0]).toMatchObject({ name, lifecycleStage: 'active' });
      expect(experiments[0].artifactLocation).toMatch(/^mlflow-artifacts:\//);
      await expect(client.getExperimentByName(name)).resolves.toEqual(experiments[0]);
    });

    it('should return null when no experiment has the name', async () => {
      await expect(client.getExperimentByName(uniqueMlflowName('mlflow-client-it-missing'))).resolves.toBeNull();
    });
  });

  describe('runs', () => {
    it('should read back params, tags and stepped metrics when they are logged in more requests than one', async () => {
      const experiment = await newExperiment();
      const run = await client.createRun({
        experimentId: experiment.experimentId,
        runName: 'fit-k4',
        tags: { trigger: 'test' },
        startTime: 1_000,
      });
      // 150 params and 1200 metric points need several log-batch requests.
      const params = {
        k: 4,
        scaler: 'robust',
        ...Object.fromEntries(Array.from({ length: 148 }, (_, i) => [`feature_weight_${i}`, i / 10])),
      };
      const inertia = Array.from({ length: 1200 }, (_, step) => ({
        key: 'inertia',
        value: 1000 / (step + 1),
        step,
        timestamp: 2_000 + step,
      }));

      await client.logBatch(run.info.runId, {
        params,
        tags: { dataset: 'sample-v1' },
        metrics: [{ key: 'silhouette', value: 0.42 }, ...inertia],
      });

      const stored = await client.getRun(run.info.runId);
      expect(stored.info).toMatchObject({
        runId: run.info.runId,
        runName: 'fit-k4',
        experimentId: experiment.experimentId,
        status: 'RUNNING',
        startTime: 1_000,
      });
      expect(stored.info.endTime).toBeUndefined();
      expect(Object.keys(stored.params)).toHaveLength(150);
      expect(stored.params).toMatchObject({ k: '4', scaler: 'robust', feature_weight_147: '14.7' });
      expect(stored.tags).toMatchObject({ trigger: 'test', dataset: 'sample-v1' });
      expect(stored.metrics.silhouette).toMatchObject({ value: 0.42, step: 0 });
      expect(stored.metrics.inertia).toEqual({ key: 'inertia', value: 1000 / 1200, step: 1199, timestamp: 3_199 });
      const history = await client.getMetricHistory(run.info.runId, 'inertia');
      expect(history.map((m) => m.step).sort((a, b) => a - b)).toEqual(inertia.map((m) => m.step));
    });

    it('should mark the run FINISHED with an end time and find it by its params when it is searched', async () => {
      const experiment = await newExperiment();
      const [winner, other] = await Promise.all(
        [4, 5].map(async (k) => {
          const run = await client.createRun({ experimentId: experiment.experimentId, runName: `k${k}` });
          await client.logBatch(run.info.runId, { params: { k } });
          return run;
        }),
      );

      await client.setTerminated(winner.info.runId, 'FINISHED');

      const finished = await client.getRun(winner.info.runId);
      expect(finished.info.status).toBe('FINISHED');
      expect(finished.info.endTime).toEqual(expect.any(Number));
      expect((await client.getRun(other.info.runId)).info.status).toBe('RUNNING');
      const found = await client.searchRuns({ experimentIds: [experiment.experimentId], filter: "params.k = '4'" });
      expect(found.map((r) => r.info.runId)).toEqual([winner.info.runId]);
      const all = await client.searchRuns({ experimentIds: [experiment.experimentId], orderBy: ['attributes.run_name ASC'] });
      expect(all.map((r) => r.info.runName)).toEqual(['k4', 'k5']);
    });

    it('should throw a typed RESOURCE_DOES_NOT_EXIST naming the call when the run does not exist', async () => {
      const missing = randomBytes(16).toString('hex');

      const failure = await client.getRun(missing).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(MlflowError);
      expect(failure).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', httpStatus: 404, mlflowErrorCode: 'RESOURCE_DOES_NOT_EXIST' });
      expect((failure as MlflowError).message).toMatch(/^MLflow getRun failed: HTTP 404 RESOURCE_DOES_NOT_EXIST: .*not found/i);
      await expect(client.downloadArtifact(missing, 'bundle.json')).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
    });
  });

  describe('artifacts', () => {
    it('should upload, list and download byte-identical files through the proxy when they are binary and JSON', async () => {
      const experiment = await newExperiment();
      const run = await client.createRun({ experimentId: experiment.experimentId });
      const neighbour = await client.createRun({ experimentId: experiment.experimentId });
      const weights = randomBytes(300 * 1024);
      const bundle = JSON.stringify({
        version: 1,
        centroids: [
          [0.1, 0.2],
          [1.5, -0.3],
        ],
        label: 'café ✓',
      });

      await client.uploadArtifact(run.info.runId, 'bundle/weights.bin', weights);
      await client.uploadArtifact(run.info.runId, 'bundle/bundle.json', bundle, 'application/json');

      expect((await client.downloadArtifact(run.info.runId, 'bundle/weights.bin')).equals(weights)).toBe(true);
      expect((await client.downloadArtifact(run.info.runId, 'bundle/bundle.json')).toString('utf8')).toBe(bundle);
      expect(await client.listArtifacts(run.info.runId)).toEqual([{ path: 'bundle', isDir: true, fileSize: undefined }]);
      const files = await client.listArtifacts(run.info.runId, 'bundle');
      expect(files.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
        { path: 'bundle/bundle.json', isDir: false, fileSize: Buffer.byteLength(bundle) },
        { path: 'bundle/weights.bin', isDir: false, fileSize: weights.length },
      ]);
      await expect(client.listArtifacts(neighbour.info.runId)).resolves.toEqual([]);
      await expect(client.downloadArtifact(neighbour.info.runId, 'bundle/bundle.json')).rejects.toMatchObject({
        code: 'RESOURCE_DOES_NOT_EXIST',
        operation: 'downloadArtifact',
      });
    });
  });

  describe('model registry', () => {
    async function runWithBundle(experimentId: string, bundle: object) {
      const run = await client.createRun({ experimentId });
      await client.uploadArtifact(run.info.runId, 'bundle.json', JSON.stringify(bundle), 'application/json');
      await client.setTerminated(run.info.runId, 'FINISHED');
      return { runId: run.info.runId, source: await client.runArtifactUri(run.info.runId, 'bundle.json') };
    }

    it('should register the bundle and move the champion alias to the second version when it is promoted', async () => {
      const experiment = await newExperiment();
      const name = uniqueMlflowName('segmentation-it');
      const first = await runWithBundle(experiment.experimentId, { version: 1 });
      const second = await runWithBundle(experiment.experimentId, { version: 2 });

      const model = await client.createRegisteredModel(name, { description: 'customer segments' });
      await expect(client.createRegisteredModel(name)).resolves.toEqual(model);
      const v1 = await client.createModelVersion({
        name,
        source: first.source,
        runId: first.runId,
        tags: { k: '4' },
        description: 'first fit',
      });
      await expect(client.getVersionByAlias(name, 'champion')).resolves.toBeNull();
      await client.setAlias(name, 'champion', v1.version);

      expect(v1).toMatchObject({
        name,
        version: '1',
        status: 'READY',
        source: first.source,
        runId: first.runId,
        tags: { k: '4' },
        description: 'first fit',
      });
      expect(first.source).toMatch(/^mlflow-artifacts:\/.*\/bundle\.json$/);
      const champion = await client.getVersionByAlias(name, 'champion');
      expect(champion).toMatchObject({ version: '1', aliases: ['champion'] });
      // What the scoring service will do: resolve the champion's source and download the bundle.
      expect(JSON.parse((await client.downloadArtifactUri(champion?.source ?? '')).toString('utf8'))).toEqual({ version: 1 });

      const v2 = await client.createModelVersion({ name, source: second.source, runId: second.runId });
      await client.setAlias(name, 'champion', v2.version);

      await expect(client.getVersionByAlias(name, 'champion')).resolves.toMatchObject({ version: '2', runId: second.runId });
      await expect(client.getModelVersion(name, '1')).resolves.toMatchObject({ aliases: [] });
      expect((await client.getRegisteredModel(name)).aliases).toEqual({ champion: '2' });
      await expect(client.getVersionByAlias(name, 'challenger')).resolves.toBeNull();
    });

    it('should tag one version and find the versions of the model only when searched by name', async () => {
      const experiment = await newExperiment();
      const name = uniqueMlflowName('segmentation-it');
      const otherName = uniqueMlflowName('segmentation-it-other');
      const { runId, source } = await runWithBundle(experiment.experimentId, { version: 1 });
      await Promise.all([client.createRegisteredModel(name), client.createRegisteredModel(otherName)]);
      const v1 = await client.createModelVersion({ name, source, runId });
      const v2 = await client.createModelVersion({ name, source, runId });
      await client.createModelVersion({ name: otherName, source, runId });

      await client.setModelVersionTag(name, v2.version, 'gate', 'passed');

      const versions = await client.searchModelVersions(`name = '${name}'`);
      expect(versions.map((v) => v.version).sort()).toEqual(['1', '2']);
      await expect(client.getModelVersion(name, v2.version)).resolves.toMatchObject({ tags: { gate: 'passed' } });
      await expect(client.getModelVersion(name, v1.version)).resolves.toMatchObject({ tags: {} });
    });

    it('should delete a model with its versions and accept deleting it again when it is cleaned up', async () => {
      const name = uniqueMlflowName('deleted-model');
      await client.createRegisteredModel(name);

      await client.deleteRegisteredModel(name);

      await expect(client.getRegisteredModel(name)).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
      await expect(client.deleteRegisteredModel(name)).resolves.toBeUndefined();
    });

    it('should throw a typed RESOURCE_DOES_NOT_EXIST when the registered model does not exist, but find no alias rather than throw', async () => {
      const missing = uniqueMlflowName('missing-model');

      await expect(client.getRegisteredModel(missing)).rejects.toMatchObject({
        code: 'RESOURCE_DOES_NOT_EXIST',
        operation: 'getRegisteredModel',
      });
      await expect(client.getVersionByAlias(missing, 'champion')).resolves.toBeNull();
    });
  });

  describe('transport', () => {
    it('should report NETWORK_ERROR after its retries when nothing listens at the tracking URI', async () => {
      const closedPort = await freePort();
      const unreachable = new MlflowClient({
        ...mlflowConfigFromEnv(),
        trackingUri: `http://127.0.0.1:${closedPort}`,
        maxRetries: 1,
        retryBaseDelayMs: 10,
        retryMaxDelayMs: 10,
      });

      await expect(unreachable.getExperimentByName('anything')).rejects.toMatchObject({
        code: 'NETWORK_ERROR',
        message: expect.stringContaining('ECONNREFUSED'),
      });
    });
  });
});

/** A port that was free a moment ago: listen on 0, note the port, close. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
