import { CHAMPION_ALIAS, USER_ID_HEADER } from '@seg/contracts';
import { topicRecordCount } from '@seg/kafka';
import { syntheticCustomers } from '@seg/ml';
import { MlflowClient } from '@seg/mlflow';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { latestFeatureRows } from '../customer-features/feature-columns';
import { startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { TrainModelCommand } from '../train-model/train-model.command';
import { TrainModelUseCase } from '../train-model/train-model.usecase';

jest.setTimeout(300_000);

const PROMOTE = 'mutation ($version: String!, $force: Boolean) { promoteModel(version: $version, force: $force) { version isChampion forced } }';
const PROMOTIONS_AUDITED = `SELECT model_version, caller_id, detail FROM model_audit WHERE action = 'promote' ORDER BY at`;

/** The service with 400 synthetic customers in its feature copy, written as the consumer writes them. */
async function serviceWithCustomers(env: Record<string, string>): Promise<TrainingTestApp> {
  const service = await startTrainingTestApp({ TRAINING_SWEEP: 'none', TRAINING_ALIAS_POLL_MS: '0', ...env });
  const updatedAt = new Date().toISOString();
  const events = [...syntheticCustomers(400, 11)].map(({ customerId, features }) => ({ customerId, features, source: 'csv' as const, batchId: '6f1d0a52-3c7e-4b8e-9a41-5d2e8c7b9f03', updatedAt }));
  await service.app.get(CustomerFeaturesRepository).upsert(latestFeatureRows(events));
  return service;
}

describe('promoteModel without force', () => {
  const opened: TrainingTestApp[] = [];
  let service: TrainingTestApp;
  const start = async (env: Record<string, string>) => {
    service = await serviceWithCustomers(env);
    opened.push(service);
  };
  const champion = async () => (await service.app.get(MlflowClient).getVersionByAlias(service.config.settings.TRAINING_MODEL_NAME, CHAMPION_ALIAS))?.version ?? null;
  const train = () => service.app.get(TrainModelUseCase).execute(new TrainModelCommand('api'));
  const promote = (version: string, force?: boolean) =>
    service.graphql<{ promoteModel: { version: string; isChampion: boolean; forced: boolean } }>(PROMOTE, { version, force }, { [USER_ID_HEADER]: 'admin-9' });

  afterEach(() => Promise.all(opened.splice(0).map((app) => app.close())));

  it('should refuse a version the gate refuses, naming the reasons, and change, audit and publish nothing; force overrides it', async () => {
    // No segment can hold 90 % of the customers: the gate refuses every model.
    await start({ TRAINING_MIN_SEGMENT_SHARE: '0.9' });
    const run = await train();
    expect([run.status, run.gate?.passed, await champion()]).toEqual(['succeeded', false, null]);
    const version = run.modelVersion as string;

    const refused = await promote(version);

    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.errors?.[0].message).toMatch(new RegExp(`^version ${version} was not promoted: segments below the minimum share 0\\.9000: .+ \\(promote with force to override\\)$`));
    expect(await champion()).toBeNull();
    expect(await service.dataSource.query(`SELECT version FROM model_versions WHERE is_champion`)).toEqual([]);
    expect(await service.dataSource.query(PROMOTIONS_AUDITED)).toEqual([]);
    expect(await topicRecordCount(service.kafka, service.topics.promoted)).toBe(0);

    const forced = await promote(version, true);

    expect(forced).toEqual({ data: { promoteModel: { version, isChampion: true, forced: true } } });
    expect(await champion()).toBe(version);
    expect(await service.dataSource.query(PROMOTIONS_AUDITED)).toEqual([{ model_version: version, caller_id: 'admin-9', detail: { force: true } }]);
  });

  it('should promote a version the gate accepts, recorded as not forced, and leave the champion in place when asked again', async () => {
    // Review mode: the first model becomes the champion by the gate, a second one on the same customers waits.
    await start({ TRAINING_PROMOTION_MODE: 'review' });
    const first = await train();
    const second = await train();
    expect([first.modelVersion, second.status, await champion()]).toEqual(['1', 'awaiting-review', '1']);

    const accepted = await promote('2');

    expect(accepted).toEqual({ data: { promoteModel: { version: '2', isChampion: true, forced: false } } });
    expect(await champion()).toBe('2');
    expect(await service.dataSource.query(`SELECT version FROM model_versions WHERE is_champion`)).toEqual([{ version: '2' }]);
    const audited = [
      { model_version: '1', caller_id: 'gate', detail: { force: false } },
      { model_version: '2', caller_id: 'admin-9', detail: { force: false } },
    ];
    expect(await service.dataSource.query(PROMOTIONS_AUDITED)).toEqual(audited);
    expect(await topicRecordCount(service.kafka, service.topics.promoted)).toBe(2);

    expect(await promote('2')).toEqual(accepted);
    expect(await service.dataSource.query(PROMOTIONS_AUDITED)).toEqual(audited);
    expect(await topicRecordCount(service.kafka, service.topics.promoted)).toBe(2);
  });
});
