import type { ModelHealthEvent } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { waitFor } from '@seg/kafka/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { syntheticCustomerList } from '@seg/ml/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { ModelHealthConsumer } from './model-health.consumer';

jest.setTimeout(180_000);

describe(ModelHealthConsumer.name, () => {
  let service: TrainingTestApp;

  beforeAll(async () => {
    service = await startTrainingTestApp({ TRAINING_SWEEP: 'none', TRAINING_RETRAIN_ON_DRIFT: 'true', TRAINING_HEALTH_GROUP: `it-health-${Date.now()}`, TRAINING_RETRAIN_MIN_INTERVAL_MS: '3600000', TRAINING_ALIAS_POLL_MS: '0' });
    const updatedAt = new Date().toISOString();
    const messages = syntheticCustomerList(600, 9).map((customer, i) => {
      const customerId = `D${String(i).padStart(4, '0')}`;
      const features = Object.fromEntries(FEATURE_NAMES.map((n) => [n, customer.features[n] ?? null]));
      return { key: customerId, value: { customerId, features, source: 'kafka', batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10', updatedAt } };
    });
    await service.app.get(KafkaProducer).send(service.topics.features, messages);
    await waitFor(async () => Number((await service.dataSource.query(`SELECT count(*) AS n FROM customer_features`))[0].n) === 600, 'the feature copy', 60_000);
  });

  afterAll(() => service?.close());

  const health = (status: ModelHealthEvent['status']): ModelHealthEvent => ({
    modelName: service.config.settings.TRAINING_MODEL_NAME,
    version: '1',
    status,
    previousStatus: 'ok',
    signals: { inflow: status, population: 'ok', segmentShares: 'ok', centroids: 'ok' },
    computedAt: new Date().toISOString(),
  });
  const driftRuns = async () => service.dataSource.query(`SELECT id, status FROM training_runs WHERE trigger = 'drift'`);
  const send = (event: ModelHealthEvent) => service.app.get(KafkaProducer).send(service.topics.health, [{ key: event.modelName, value: event }]);

  it('should start one training run on an alert, none on a watch, and no second one within the interval', async () => {
    // The consumer starts at the end of the topic: wait until its group is stable, so these events come after its start.
    const admin = service.kafka.kafka.admin();
    await admin.connect();
    try {
      const group = service.config.settings.TRAINING_HEALTH_GROUP;
      await waitFor(async () => (await admin.describeGroups([group])).groups[0]?.state === 'Stable', 'the health consumer joined');
    } finally {
      await admin.disconnect();
    }
    await sleep(1_000);
    await send(health('watch'));
    await send(health('alert'));
    await waitFor(async () => (await driftRuns()).length === 1, 'a drift run');
    await waitFor(async () => (await driftRuns())[0].status !== 'running', 'the drift run finished', 120_000);

    await send(health('ok'));
    await send(health('alert'));
    await sleep(3_000);

    expect(await driftRuns()).toEqual([{ id: expect.any(String), status: 'succeeded' }]);
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM training_runs`)).toEqual([{ n: 1 }]);
  });
});
