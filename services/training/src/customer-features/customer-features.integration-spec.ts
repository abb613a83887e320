import type { CustomerFeaturesEvent } from '@seg/contracts';
import { customerFeaturesEvent } from '@seg/contracts/testing';
import { KafkaProducer } from '@seg/kafka';
import { waitFor } from '@seg/kafka/testing';
import { handledFeatureRecords, startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { CustomerFeaturesConsumer } from './customer-features.consumer';

jest.setTimeout(120_000);

const NEWER = '2026-06-01T12:00:00.000Z';
const OLDER = '2020-01-31T12:00:00.000Z';
// Ingestion's write times: it writes in arrival order, so a late event is written last.
const FIRST_WRITE = '2026-12-01T10:00:00.000Z';
const LATER_WRITE = '2026-12-01T10:00:01.000Z';

describe(CustomerFeaturesConsumer.name, () => {
  let service: TrainingTestApp;

  beforeAll(async () => {
    service = await startTrainingTestApp();
  });

  afterAll(() => service?.close());

  const handled = () => handledFeatureRecords(service);
  const publish = async (events: CustomerFeaturesEvent[]) => {
    const target = handled() + events.length;
    await service.app.get(KafkaProducer).send(
      service.topics.features,
      events.map((value) => ({ key: value.customerId, value })),
    );
    await waitFor(() => handled() >= target, `${target} events handled`, 30_000);
  };

  it('should keep the newer state of the copy when an older event arrives later, in a later batch or in the same one, and break ties by the later write', async () => {
    await publish([customerFeaturesEvent('O-1', 10, FIRST_WRITE, NEWER)]);
    await publish([customerFeaturesEvent('O-1', 11, LATER_WRITE, OLDER)]);
    // One request: one partition, one fetched batch.
    await publish([customerFeaturesEvent('O-2', 20, FIRST_WRITE, NEWER), customerFeaturesEvent('O-2', 21, LATER_WRITE, OLDER)]);
    await publish([customerFeaturesEvent('O-3', 30, LATER_WRITE, NEWER), customerFeaturesEvent('O-3', 31, FIRST_WRITE, NEWER)]);
    await publish([customerFeaturesEvent('O-5', 50, LATER_WRITE, NEWER)]);
    await publish([customerFeaturesEvent('O-5', 51, FIRST_WRITE, NEWER)]);
    // A record from before occurredAt existed: its write time is its time.
    await publish([customerFeaturesEvent('O-4', 40, FIRST_WRITE)]);
    await publish([customerFeaturesEvent('O-4', 41, LATER_WRITE, OLDER)]);

    const balances = await service.dataSource.query(`SELECT customer_id, balance FROM customer_features ORDER BY customer_id`);
    expect(balances).toEqual([
      { customer_id: 'O-1', balance: 10 },
      { customer_id: 'O-2', balance: 20 },
      { customer_id: 'O-3', balance: 30 },
      { customer_id: 'O-4', balance: 40 },
      { customer_id: 'O-5', balance: 50 },
    ]);
    expect(
      await service.dataSource.query(`SELECT customer_id, occurred_at, updated_at FROM customer_features ORDER BY customer_id`),
    ).toEqual([
      { customer_id: 'O-1', occurred_at: new Date(NEWER), updated_at: new Date(FIRST_WRITE) },
      { customer_id: 'O-2', occurred_at: new Date(NEWER), updated_at: new Date(FIRST_WRITE) },
      { customer_id: 'O-3', occurred_at: new Date(NEWER), updated_at: new Date(LATER_WRITE) },
      { customer_id: 'O-4', occurred_at: new Date(FIRST_WRITE), updated_at: new Date(FIRST_WRITE) },
      { customer_id: 'O-5', occurred_at: new Date(NEWER), updated_at: new Date(LATER_WRITE) },
    ]);
  });
});
