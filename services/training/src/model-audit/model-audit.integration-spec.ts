import { encodeUserName, USER_ID_HEADER, USER_NAME_HEADER } from '@seg/contracts';
import { waitFor } from '@seg/kafka/testing';
import { syntheticCustomers } from '@seg/ml';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { latestFeatureRows } from '../customer-features/feature-columns';
import { startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { ModelAuditRepository } from './model-audit.repository';

jest.setTimeout(180_000);

const AUDIT = 'query ($runId: ID) { modelAudit(first: 10, trainingRunId: $runId) { action modelName modelVersion trainingRunId callerId callerName detail { force reason } at } }';

describe(ModelAuditRepository.name, () => {
  let service: TrainingTestApp;
  const caller = (id: string, name: string) => ({ [USER_ID_HEADER]: id, [USER_NAME_HEADER]: encodeUserName(name) });
  const audit = async (runId?: string) => (await service.graphql<{ modelAudit: Record<string, unknown>[] }>(AUDIT, { runId })).data?.modelAudit ?? [];

  beforeAll(async () => {
    service = await startTrainingTestApp({ TRAINING_SWEEP: 'none' });
    // 400 synthetic customers written as the consumer writes them, without Kafka: the consumer is covered elsewhere.
    const updatedAt = new Date().toISOString();
    const events = [...syntheticCustomers(400, 7)].map(({ customerId, features }) => ({ customerId, features, source: 'csv' as const, batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10', updatedAt }));
    await service.app.get(CustomerFeaturesRepository).upsert(latestFeatureRows(events));
  });

  afterAll(() => service?.close());

  it('should record who trained, the gate that promoted the first model and who forced it again, and nothing for a refused request', async () => {
    const started = await service.graphql<{ trainModel: { id: string } }>('mutation { trainModel { id } }', undefined, caller('4f1c-ada', 'Ada Lovelace'));
    const runId = started.data?.trainModel.id as string;
    expect(started.errors).toBeUndefined();
    let version: string | null = null;
    await waitFor(
      async () => {
        const run = (await service.graphql<{ trainingRun: { status: string; modelVersion: string | null } }>('query ($id: ID!) { trainingRun(id: $id) { status modelVersion } }', { id: runId })).data?.trainingRun;
        version = run?.modelVersion ?? null;
        return run?.status === 'succeeded';
      },
      'the training run to succeed',
      150_000,
    );
    const unknown = await service.graphql('mutation { promoteModel(version: "999999") { version } }', undefined, caller('mallory', 'Mallory'));
    const promoted = await service.graphql<{ promoteModel: { version: string; forced: boolean } }>(
      'mutation ($version: String!) { promoteModel(version: $version, force: true) { version forced } }',
      { version },
      caller('77-grace', 'Grace Hopper'),
    );

    expect(unknown.errors?.[0]?.message).toMatch(/has no version 999999/);
    expect(promoted.data?.promoteModel).toEqual({ version, forced: true });
    const modelName = service.config.settings.TRAINING_MODEL_NAME;
    const entry = { modelName, trainingRunId: runId, at: expect.any(String) };
    expect(await audit()).toEqual([
      { ...entry, action: 'promote', modelVersion: version, callerId: '77-grace', callerName: 'Grace Hopper', detail: { force: true, reason: null } },
      // The first model passes the gate in auto mode: the platform promoted it, recorded as such.
      { ...entry, action: 'promote', modelVersion: version, callerId: 'gate', callerName: 'gate', detail: { force: false, reason: null } },
      { ...entry, action: 'train', modelVersion: null, callerId: '4f1c-ada', callerName: 'Ada Lovelace', detail: { force: null, reason: null } },
    ]);
  });

  it('should record the caller as unknown when the gateway sent no caller headers', async () => {
    const before = (await audit()).length;
    const started = await service.graphql<{ trainModel: { id: string } }>('mutation { trainModel { id } }');
    const runId = started.data?.trainModel.id as string;
    await waitFor(
      async () => (await service.graphql<{ trainingRun: { status: string } }>('query ($id: ID!) { trainingRun(id: $id) { status } }', { id: runId })).data?.trainingRun.status !== 'running',
      'the training run to end',
      150_000,
    );

    const entries = await audit(runId);
    expect(entries.find((e) => e.action === 'train')).toMatchObject({ trainingRunId: runId, callerId: 'unknown', callerName: 'unknown' });
    // Besides the request, at most the gate's promotion of the run: no other caller is made up.
    expect(entries.filter((e) => e.action !== 'train')).toEqual(entries.filter((e) => e.action === 'promote' && e.callerId === 'gate'));
    expect((await audit()).length - before).toBe(entries.length);
  });
});
