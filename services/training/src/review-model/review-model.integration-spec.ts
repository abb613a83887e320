import { encodeUserName, parseModelPromotedEvent, USER_ID_HEADER, USER_NAME_HEADER, type ModelPromotedEvent } from '@seg/contracts';
import { KafkaProducer, topicRecordCount } from '@seg/kafka';
import { readRecords, waitFor } from '@seg/kafka/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { syntheticCustomerList } from '@seg/ml/testing';
import { MlflowClient } from '@seg/mlflow';
import { setTimeout as sleep } from 'node:timers/promises';
import { AliasSyncModule } from '../alias-sync/alias-sync.module';
import { SyncChampionAliasUseCase } from '../alias-sync/sync-champion-alias.usecase';
import { startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { TrainModelCommand } from '../train-model/train-model.command';
import { TrainModelUseCase } from '../train-model/train-model.usecase';
import { RejectModelUseCase } from './reject-model.usecase';

jest.setTimeout(300_000);

/** Publishes `count` synthetic customers (ids `<prefix>0000…`), PURCHASES times `purchasesFactor`, and waits for the copy. */
async function feed(service: TrainingTestApp, count: number, seed: number, prefix: string, purchasesFactor = 1): Promise<void> {
  const updatedAt = new Date().toISOString();
  const messages = syntheticCustomerList(count, seed).map((customer, i) => {
    const features = Object.fromEntries(FEATURE_NAMES.map((n) => [n, customer.features[n] ?? null]));
    if (features.PURCHASES !== null) features.PURCHASES = (features.PURCHASES as number) * purchasesFactor;
    const customerId = `${prefix}${String(i).padStart(4, '0')}`;
    return { key: customerId, value: { customerId, features, source: 'kafka', batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10', updatedAt } };
  });
  const before = Number((await service.dataSource.query(`SELECT count(*) AS n FROM customer_features`))[0].n);
  for (let i = 0; i < messages.length; i += 1_000) await service.app.get(KafkaProducer).send(service.topics.features, messages.slice(i, i + 1_000));
  await waitFor(async () => Number((await service.dataSource.query(`SELECT count(*) AS n FROM customer_features`))[0].n) === before + count, `${count} more customers`, 60_000);
}

const RUN = `query($id: ID!) {
  trainingRun(id: $id) {
    id status modelVersion
    review { championVersion customers segments moves agreement offerChanges { total switched gained lost } shares { segmentId champion challenger changePp } }
    reviewMap { customers points { customerId x y championSegment challengerSegment moved } }
  }
  modelAudit(trainingRunId: $id) { action modelVersion callerId callerName detail { force reason } at }
}`;

interface Run {
  id: string;
  status: string;
  modelVersion: string;
  review: {
    championVersion: string;
    customers: number;
    segments: string[];
    moves: number[][];
    agreement: number;
    offerChanges: { total: number; switched: number; gained: number; lost: number };
    shares: { segmentId: string | null; champion: number; challenger: number; changePp: number }[];
  } | null;
  reviewMap: { customers: number; points: { customerId: string; championSegment: string; challengerSegment: string; moved: boolean }[] } | null;
  /** The run's rows of the model audit, the latest first. */
  audit: { action: string; modelVersion: string | null; callerId: string; callerName: string; detail: { force: boolean | null; reason: string | null } }[];
}

async function runOf(service: TrainingTestApp, id: string): Promise<Run> {
  const result = await service.graphql<{ trainingRun: Omit<Run, 'audit'>; modelAudit: Run['audit'] }>(RUN, { id });
  if (result.data === undefined) throw new Error(JSON.stringify(result.errors));
  return { ...result.data.trainingRun, audit: result.data.modelAudit };
}

const promotions = async (service: TrainingTestApp): Promise<ModelPromotedEvent[]> => {
  const count = await topicRecordCount(service.kafka, service.topics.promoted);
  return (await readRecords(service.kafka, service.topics.promoted, count)).map((r) => parseModelPromotedEvent(JSON.parse(String(r.value))));
};

describe('the challenger review and review mode', () => {
  let service: TrainingTestApp;
  let mlflow: MlflowClient;
  let modelName: string;
  const champion = async () => (await mlflow.getVersionByAlias(modelName, 'champion'))?.version ?? null;
  const train = () => service.app.get(TrainModelUseCase).execute(new TrainModelCommand('api'));

  beforeAll(async () => {
    service = await startTrainingTestApp({ TRAINING_SWEEP: 'none', TRAINING_PROMOTION_MODE: 'review', TRAINING_SILHOUETTE_MARGIN: '1', TRAINING_ALIAS_POLL_MS: '0' });
    mlflow = service.app.get(MlflowClient);
    modelName = service.config.settings.TRAINING_MODEL_NAME;
    await feed(service, 2_000, 3, 'A');
  });

  afterAll(() => service?.close());

  it('should promote the first model by the gate, with nothing to review', async () => {
    const run = await train();

    expect(run).toMatchObject({ status: 'succeeded', modelVersion: '1', review: null, championVersion: null });
    expect(await champion()).toBe('1');
    expect((await runOf(service, run.id)).audit).toEqual([
      { action: 'promote', modelVersion: '1', callerId: 'gate', callerName: 'gate', detail: { force: false, reason: null }, at: expect.any(String) },
    ]);
  });

  it('should keep a run that passes the gate waiting with its review stored, logged to MLflow and returned, and supersede it by a newer one', async () => {
    await feed(service, 800, 4, 'B', 5);
    const first = await train();
    const waiting = await runOf(service, first.id);

    expect(waiting.status).toBe('awaiting-review');
    expect(await champion()).toBe('1');
    const review = waiting.review;
    expect(review).toMatchObject({ championVersion: '1', customers: 2_800, segments: ['transactors', 'revolvers', 'low-activity', 'cash-advance', 'unassigned'] });
    const cells = review?.moves.flat() ?? [];
    expect(cells.reduce((a, b) => a + b, 0)).toBe(2_800);
    const diagonal = review?.moves.reduce((sum, row, i) => sum + row[i], 0) ?? 0;
    expect(review?.agreement).toBeCloseTo(diagonal / 2_800, 12);
    expect(review?.offerChanges.total).toBe(2_800 - diagonal);
    expect(waiting.reviewMap?.customers).toBe(2_800);
    expect(waiting.reviewMap?.points).toHaveLength(2_800);
    expect(waiting.reviewMap?.points.filter((p) => p.moved)).toHaveLength(2_800 - diagonal);
    const mlflowRun = await mlflow.getRun(first.mlflowRunId as string);
    expect(mlflowRun.metrics.challenger_agreement?.value).toBeCloseTo(review?.agreement ?? -1, 12);
    const artifact = JSON.parse((await mlflow.downloadArtifact(first.mlflowRunId as string, 'challenger-review.json')).toString('utf8'));
    expect(artifact).toMatchObject({ championVersion: '1', moves: review?.moves, agreement: review?.agreement });

    const newer = await train();

    expect(newer.status).toBe('awaiting-review');
    const superseded = await runOf(service, first.id);
    expect(superseded.status).toBe('superseded');
    expect(superseded.audit).toEqual([
      {
        action: 'supersede',
        modelVersion: first.modelVersion,
        callerId: 'newer-run',
        callerName: 'newer-run',
        detail: { force: null, reason: expect.stringContaining(newer.id) },
        at: expect.any(String),
      },
    ]);
    expect(await champion()).toBe('1');
  });

  it('should reject a waiting run with the caller and the reason audited, and refuse to decide it twice', async () => {
    const [waiting] = await service.dataSource.query(`SELECT id, model_version FROM training_runs WHERE status = 'awaiting-review'`);
    const promotedBefore = await topicRecordCount(service.kafka, service.topics.promoted);

    const rejected = await service.graphql<{ rejectModel: { status: string } }>(
      `mutation($id: ID!) { rejectModel(runId: $id, reason: "moves too many revolvers") { status } }`,
      { id: waiting.id },
      { [USER_ID_HEADER]: 'risk-officer-7', [USER_NAME_HEADER]: encodeUserName('Rosa Díaz') },
    );

    expect(rejected.data?.rejectModel.status).toBe('rejected');
    const audit = (await runOf(service, waiting.id)).audit;
    expect(audit[0]).toEqual({
      action: 'reject',
      modelVersion: waiting.model_version,
      callerId: 'risk-officer-7',
      callerName: 'Rosa Díaz',
      detail: { force: null, reason: 'moves too many revolvers' },
      at: expect.any(String),
    });
    expect(await champion()).toBe('1');
    const again = await service.graphql(`mutation($id: ID!) { rejectModel(runId: $id, reason: "again") { status } }`, { id: waiting.id }, { [USER_ID_HEADER]: 'mallory' });
    expect(again.errors?.[0].message).toMatch(/is rejected, not awaiting review/);
    await expect(service.app.get(RejectModelUseCase).execute({ runId: waiting.id, reason: '  ', caller: { id: 'x', name: 'x' } })).rejects.toThrow('a rejection needs a reason');
    // The refused attempts recorded nothing.
    expect((await runOf(service, waiting.id)).audit).toEqual(audit);
    expect(await topicRecordCount(service.kafka, service.topics.promoted)).toBe(promotedBefore);
  });

  it('should promote a waiting run by its id with the caller audited, move the alias and publish the promotion', async () => {
    const run = await train();
    expect(run.status).toBe('awaiting-review');

    const promoted = await service.graphql<{ promoteModel: { version: string; isChampion: boolean } }>(
      `mutation($id: ID!) { promoteModel(runId: $id) { version isChampion } }`,
      { id: run.id },
      { [USER_ID_HEADER]: 'admin-3', [USER_NAME_HEADER]: encodeUserName('Ada Admin') },
    );

    expect(promoted.errors).toBeUndefined();
    expect(promoted.data?.promoteModel).toEqual({ version: run.modelVersion, isChampion: true });
    expect(await champion()).toBe(run.modelVersion);
    const after = await runOf(service, run.id);
    expect(after.status).toBe('succeeded');
    expect(after.audit[0]).toEqual({ action: 'promote', modelVersion: run.modelVersion, callerId: 'admin-3', callerName: 'Ada Admin', detail: { force: false, reason: null }, at: expect.any(String) });
    expect((await promotions(service)).at(-1)).toMatchObject({ modelName, version: run.modelVersion });
    const both = await service.graphql(`mutation { promoteModel(version: "1", runId: "${run.id}") { version } }`);
    expect(both.errors?.[0].message).toBe('give either version or runId');
  });

  it('should publish an alias moved in MLflow once across replicas, audited as decided by mlflow, also for a version trained elsewhere', async () => {
    const replicas = [service.app.get(SyncChampionAliasUseCase), (await service.startSibling({}, [AliasSyncModule])).get(SyncChampionAliasUseCase)];
    const before = (await promotions(service)).length;
    await Promise.all(replicas.map((replica) => replica.execute()));
    expect((await promotions(service)).length).toBe(before);

    await mlflow.setAlias(modelName, 'champion', '1');
    const published = await Promise.all([...replicas, ...replicas].map((replica) => replica.execute()));
    await Promise.all(replicas.map((replica) => replica.execute()));

    expect(published.filter((version) => version !== null)).toEqual(['1']);
    const sent = await promotions(service);
    expect(sent.slice(before)).toEqual([expect.objectContaining({ modelName, version: '1' })]);
    expect(await service.dataSource.query(`SELECT version FROM model_versions WHERE is_champion`)).toEqual([{ version: '1' }]);
    const [entry] = await service.dataSource.query(`SELECT action, model_version, caller_id, caller_name, detail FROM model_audit ORDER BY id DESC LIMIT 1`);
    expect(entry).toEqual({ action: 'promote', model_version: '1', caller_id: 'mlflow', caller_name: 'mlflow', detail: { reason: expect.stringMatching(/moved in MLflow from version \d+/) } });

    // A version registered by hand with a broken bundle: published (scoring refuses it), none of ours is champion.
    const experiment = await mlflow.getOrCreateExperiment(modelName);
    const handRun = await mlflow.createRun({ experimentId: experiment.experimentId, runName: 'by-hand' });
    await mlflow.uploadArtifact(handRun.info.runId, 'bundle.json', '{"broken": true}', 'application/json');
    const source = await mlflow.runArtifactUri(handRun.info.runId, 'bundle.json');
    const { version } = await mlflow.createModelVersion({ name: modelName, source, runId: handRun.info.runId });
    await mlflow.setAlias(modelName, 'champion', version);
    await sleep(10);
    expect(await replicas[1].execute()).toBe(version);
    expect((await promotions(service)).at(-1)).toMatchObject({ version, bundleUri: source, runId: handRun.info.runId });
    expect(await service.dataSource.query(`SELECT version FROM model_versions WHERE is_champion`)).toEqual([]);
  });
});
