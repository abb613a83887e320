import type { CustomerErasedEvent, CustomerFeaturesEvent } from '@seg/contracts';
import { customerFeaturesEvent } from '@seg/contracts/testing';
import { KafkaProducer } from '@seg/kafka';
import { waitFor } from '@seg/kafka/testing';
import { randomUUID } from 'node:crypto';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { handledFeatureRecords, startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { EraseCustomersUseCase } from './erase-customers.usecase';

jest.setTimeout(120_000);

const WRITE = '2026-12-01T10:00:00.000Z';

describe(EraseCustomersUseCase.name, () => {
  let service: TrainingTestApp;

  beforeAll(async () => {
    service = await startTrainingTestApp();
  });

  afterAll(() => service?.close());

  const handled = () => handledFeatureRecords(service);
  const trainingIds = async () => (await service.app.get(CustomerFeaturesRepository).loadTrainingData()).customerIds;

  it('should take the customer out of the feature copy and the review overlays on a tombstone or an erasure event, and out of the next training data after a replay', async () => {
    const events: CustomerFeaturesEvent[] = ['T-1', 'T-2', 'T-3'].map((id, i) => customerFeaturesEvent(id, 10 + i, WRITE, WRITE));
    const producer = service.app.get(KafkaProducer);
    await producer.send(service.topics.features, events.map((value) => ({ key: value.customerId, value })));
    await waitFor(async () => (await trainingIds()).length === 3, 'three customers in the copy');
    const runId = randomUUID();
    await service.dataSource.query(`INSERT INTO training_runs (id, status, trigger, stage) VALUES ($1, 'succeeded', 'api', 'done')`, [runId]);
    const overlay = { customers: 3, segments: ['transactors', null], customerIds: ['T-1', 'T-2', 'T-3'], x: [1, 2, 3], y: [4, 5, 6], champion: [0, 0, 1], challenger: [0, 1, 1] };
    await service.dataSource.query(`INSERT INTO review_maps (training_run_id, points) VALUES ($1, $2)`, [runId, JSON.stringify(overlay)]);

    const erasure: CustomerErasedEvent = { customerId: 'T-2', reason: 'test', erasedAt: new Date().toISOString(), erasedBy: 'admin' };
    await producer.send(service.topics.features, [{ key: 'T-1', value: null }]);
    await producer.send(service.topics.erased, [{ key: 'T-2', value: erasure }]);
    await waitFor(async () => (await trainingIds()).length === 1, 'two customers erased');

    const target = handled() + 3;
    await producer.send(service.topics.features, events.map((value) => ({ key: value.customerId, value: { ...value, updatedAt: '2026-12-02T10:00:00.000Z' } })));
    await waitFor(() => handled() >= target, 'the replayed records handled', 30_000);

    expect(await trainingIds()).toEqual(['T-3']);
    const [{ points }] = await service.dataSource.query(`SELECT points FROM review_maps WHERE training_run_id = $1`, [runId]);
    expect(points).toEqual({ ...overlay, customerIds: ['T-3'], x: [3], y: [6], champion: [1], challenger: [1] });
  });
});
