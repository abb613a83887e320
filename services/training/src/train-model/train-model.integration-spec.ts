import { KafkaProducer } from '@seg/kafka';
import { readRecords, waitFor } from '@seg/kafka/testing';
import { deserializeBundle, FEATURE_NAMES, parseCustomerCsvText, predictMatrix, SEGMENT_IDS, type ModelBundle } from '@seg/ml';
import { MlflowClient } from '@seg/mlflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { TrainModelCommand } from './train-model.command';
import { TrainModelUseCase } from './train-model.usecase';
import { TrainingInProgressError } from './training-errors';

jest.setTimeout(300_000);

const REAL_FILE = join(__dirname, '../../../../../shared/data/Customer Data.csv');

describe(TrainModelUseCase.name, () => {
  let service: TrainingTestApp;
  let mlflow: MlflowClient;
  let modelName: string;
  const champion = async () => (await mlflow.getVersionByAlias(modelName, 'champion'))?.version ?? null;
  const versionCount = async () => (await mlflow.searchModelVersions(`name = '${modelName}'`)).length;
  const bundleOf = async (version: string) =>
    deserializeBundle((await mlflow.downloadArtifactUri((await mlflow.getModelVersion(modelName, version)).source)).toString('utf8'));

  beforeAll(async () => {
    // A short sweep keeps the file fast; the full 2–9 sweep is the default and what `npm run train` runs.
    service = await startTrainingTestApp({ TRAINING_SWEEP: '2-4' });
    mlflow = service.app.get(MlflowClient);
    modelName = service.config.settings.TRAINING_MODEL_NAME;
  });

  afterAll(() => service?.close());

  it('should copy the real customers through the feature consumer and then train, log, register and promote when the gate passes', async () => {
    const { accepted } = parseCustomerCsvText(readFileSync(REAL_FILE, 'utf8'));
    const updatedAt = new Date().toISOString();
    const messages = accepted.map((c) => ({
      key: c.customerId,
      value: {
        customerId: c.customerId,
        features: Object.fromEntries(FEATURE_NAMES.map((n) => [n, c.features[n] ?? null])),
        source: 'csv',
        batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
        updatedAt,
      },
    }));
    // Requests under the broker's 1 MB message limit.
    for (let i = 0; i < messages.length; i += 1_000)
      await service.app.get(KafkaProducer).send(service.topics.features, messages.slice(i, i + 1_000));
    const count = async () => Number((await service.dataSource.query(`SELECT count(*) AS n FROM customer_features`))[0].n);
    await waitFor(async () => (await count()) === 8_950, '8,950 customers in the feature copy', 60_000);

    const run = await service.app.get(TrainModelUseCase).execute(new TrainModelCommand('api'));

    expect(run).toMatchObject({
      status: 'succeeded',
      stage: 'done',
      progress: 100,
      error: null,
      modelVersion: '1',
      gate: { passed: true, reasons: [] },
    });
    const mlflowRun = await mlflow.getRun(run.mlflowRunId as string);
    expect(mlflowRun.params).toMatchObject({ k: '4', impute: 'median', scaler: 'robust', k_sweep: '2-4', row_count: '8950', seed: '42' });
    expect(mlflowRun.params.data_fingerprint).toMatch(/^sha256:/);
    for (const key of [
      'inertia',
      'silhouette',
      'daviesBouldin',
      'calinskiHarabasz',
      'explainedVarianceRatio_pc1',
      'explainedVarianceRatio_pc2',
    ]) {
      expect(mlflowRun.metrics[key]?.value).toEqual(expect.any(Number));
    }
    expect((await mlflow.getMetricHistory(run.mlflowRunId as string, 'sweep_silhouette')).map((m) => m.step).sort()).toEqual([2, 3, 4]);
    expect((await mlflow.listArtifacts(run.mlflowRunId as string)).map((a) => a.path).sort()).toEqual([
      'bundle.json',
      'k-sweep.json',
      'pca-scatter.svg',
      'profiles.json',
    ]);
    const svg = (await mlflow.downloadArtifact(run.mlflowRunId as string, 'pca-scatter.svg')).toString('utf8');
    // A density map: every customer counted in the legend, cells of at least 5 drawn, no dot per customer.
    expect([...svg.matchAll(/\((\d+)\)<\/text>/g)].reduce((sum, m) => sum + Number(m[1]), 0)).toBe(8_950);
    expect(svg.match(/h8v8h-8z/g)?.length).toBeGreaterThan(50);
    expect(svg.match(/M/g)?.length).toBeLessThan(8_950 / 2);

    const bundle = await bundleOf('1');
    expect(bundle.trainingData.rows).toBe(8_950);
    expect(await champion()).toBe('1');
    for (const id of SEGMENT_IDS) expect(mlflowRun.metrics[`share_${id}`]?.value).toBeGreaterThanOrEqual(0.05);
    const promoted = await readRecords(service.kafka, service.topics.promoted, 1, 30_000);
    expect(promoted.map((r) => String(r.key))).toEqual([modelName]);
    expect(JSON.parse(String(promoted[0].value))).toMatchObject({
      modelName,
      version: '1',
      runId: run.mlflowRunId,
      bundleUri: expect.stringMatching(/^mlflow-artifacts:.*bundle\.json$/),
    });
    const graph = await service.graphql<{
      championModel: { version: string; isChampion: boolean; segments: { segmentId: string }[]; kSweep: { k: number }[] };
    }>(`{ championModel { version isChampion segments { segmentId } kSweep { k } } }`);
    expect(graph.data?.championModel).toMatchObject({ version: '1', isChampion: true, kSweep: [{ k: 2 }, { k: 3 }, { k: 4 }] });
  });

  it('should keep the segment id of every customer when a second run trains on the same data', async () => {
    const before = await champion();
    expect(before).not.toBeNull();
    const run = await service.app.get(TrainModelUseCase).execute(new TrainModelCommand('cli'));

    expect(run.status).toBe('succeeded');
    const { matrix } = await service.app.get(CustomerFeaturesRepository).loadTrainingData();
    const segmentsOf = (bundle: ModelBundle) => Array.from(predictMatrix(bundle, matrix).clusters, (c) => bundle.segments[c].segmentId);
    const [previous, next] = [segmentsOf(await bundleOf(before as string)), segmentsOf(await bundleOf(run.modelVersion as string))];
    expect(next).toEqual(previous);
    expect(await champion()).toBe(run.modelVersion);
  });

  it('should keep the run with the reason and leave the champion unchanged when the gate refuses', async () => {
    const before = await champion();
    const strict = await service.startSibling({ TRAINING_MIN_SEGMENT_SHARE: '0.9' });

    const run = await strict.get(TrainModelUseCase).execute(new TrainModelCommand('cli'));

    expect(run.status).toBe('succeeded');
    expect(run.gate?.passed).toBe(false);
    expect(run.gate?.reasons.join(' ')).toMatch(/below the minimum share 0\.9000/);
    expect(await champion()).toBe(before);
    const [stored] = await service.dataSource.query(`SELECT is_champion FROM model_versions WHERE version = $1`, [run.modelVersion]);
    expect(stored).toEqual({ is_champion: false });
  });

  it('should fail with the reason stored and promote nothing when MLflow is unreachable', async () => {
    const [before, versions] = [await champion(), await versionCount()];
    const offline = await service.startSibling({ MLFLOW_TRACKING_URI: 'http://127.0.0.1:9', MLFLOW_MAX_RETRIES: '0' });

    const run = await offline.get(TrainModelUseCase).execute(new TrainModelCommand('cli'));

    expect(run).toMatchObject({ status: 'failed', stage: 'failed', modelVersion: null, mlflowRunId: null });
    expect(run.error).toMatch(/^MLflow unreachable at http:\/\/127\.0\.0\.1:9/);
    expect([await champion(), await versionCount()]).toEqual([before, versions]);
  });

  it('should refuse a second run across processes while one is in progress and show its progress', async () => {
    const first = await service.app.get(TrainModelUseCase).start(new TrainModelCommand('api'));
    const other = await service.startSibling({});

    await expect(other.get(TrainModelUseCase).execute(new TrainModelCommand('cli'))).rejects.toThrow(TrainingInProgressError);
    const mutation = await service.graphql<{ trainModel: { id: string } }>(`mutation { trainModel { id } }`);
    expect(mutation.errors?.[0].message).toMatch(new RegExp(`already in progress \\(run ${first.run.id}\\)`));
    const progress = await service.graphql<{ trainingRun: { status: string; progress: number } }>(
      `query($id: ID!) { trainingRun(id: $id) { status progress } }`,
      {
        id: first.run.id,
      },
    );
    expect(progress.data?.trainingRun.status).toBe('running');

    expect((await first.completion).status).toBe('succeeded');
    const runs = await service.dataSource.query(`SELECT count(*)::int AS n FROM training_runs WHERE status = 'running'`);
    expect(runs).toEqual([{ n: 0 }]);
  });
});
