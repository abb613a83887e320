import type { CustomerFeaturesEvent } from '@seg/contracts';
import { topicRecordCount } from '@seg/kafka';
import { waitFor } from '@seg/kafka/testing';
import { predict, type ModelBundle } from '@seg/ml';
import { createTestBundle } from '@seg/ml/testing';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { scoreBatch } from '../assignments/scored-batch';
import { ChampionHolder } from '../champion/champion.holder';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { createScoringTestEnvironment, featureEvents, handledFeatureEvents, type ScoringTestEnvironment } from '../testing/scoring-test-app';
import { ScoreCustomersUseCase } from './score-customers.usecase';

jest.setTimeout(60_000);

const NEWER = '2026-06-01T12:00:00.000Z';
const OLDER = '2020-01-31T12:00:00.000Z';
// Ingestion's write times: it writes in arrival order, so a late event is written last.
const FIRST_WRITE = '2026-12-01T10:00:00.000Z';
const LATER_WRITE = '2026-12-01T10:00:01.000Z';

/** Two feature states of different segments under `bundle`, to tell which one a customer holds. */
function twoStates(bundle: ModelBundle): [CustomerFeaturesEvent, CustomerFeaturesEvent] {
  const pool = featureEvents(60, 41, 'S');
  const segmentOf = (event: CustomerFeaturesEvent) => predict(bundle, [{ CUST_ID: event.customerId, ...event.features }])[0].segmentId;
  const other = pool.find((event) => segmentOf(event) !== segmentOf(pool[0]));
  if (other === undefined) throw new Error('every synthetic customer fell in one segment');
  return [pool[0], other];
}

describe(`${ScoreCustomersUseCase.name} (order by the source's time)`, () => {
  let environment: ScoringTestEnvironment;

  beforeEach(async () => {
    environment = await createScoringTestEnvironment();
  });

  afterEach(() => environment?.close());

  it('should keep the newer features and assignment when an older event arrives later, in a later batch or in the same one, and break ties by the later write', async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    await environment.registerChampion(bundle);
    const service = await environment.boot();
    const [a, b] = twoStates(bundle);
    const state = (
      customerId: string,
      from: CustomerFeaturesEvent,
      occurredAt: string | undefined,
      updatedAt: string,
    ): CustomerFeaturesEvent => ({
      ...from,
      customerId,
      updatedAt,
      ...(occurredAt === undefined ? {} : { occurredAt }),
    });
    const publish = async (events: CustomerFeaturesEvent[]) => {
      const target = handledFeatureEvents(service) + events.length;
      await environment.publishFeatures(events);
      await waitFor(() => handledFeatureEvents(service) >= target, `${target} events handled`);
    };

    // Separate batches, then one batch (one request: one partition, one fetch).
    await publish([state('O-1', a, NEWER, FIRST_WRITE)]);
    await publish([state('O-1', b, OLDER, LATER_WRITE)]);
    await publish([state('O-2', a, NEWER, FIRST_WRITE), state('O-2', b, OLDER, LATER_WRITE)]);
    // The same occurredAt: the later write wins, whichever arrives last.
    await publish([state('O-3', b, NEWER, LATER_WRITE)]);
    await publish([state('O-3', a, NEWER, FIRST_WRITE)]);
    await publish([state('O-4', b, NEWER, LATER_WRITE), state('O-4', a, NEWER, FIRST_WRITE)]);
    // A record from before occurredAt existed: its write time is its time.
    await publish([state('O-5', a, undefined, FIRST_WRITE)]);
    await publish([state('O-5', b, OLDER, LATER_WRITE)]);

    const balances = await service.dataSource.query(`SELECT customer_id, balance FROM customer_features ORDER BY customer_id`);
    expect(balances.map((row: { balance: number }) => row.balance)).toEqual([a, a, b, b, a].map((event) => event.features.BALANCE));
    const features = await service.dataSource.query(
      `SELECT customer_id, balance, occurred_at, updated_at FROM customer_features ORDER BY customer_id`,
    );
    expect(features).toEqual([
      { customer_id: 'O-1', balance: a.features.BALANCE, occurred_at: new Date(NEWER), updated_at: new Date(FIRST_WRITE) },
      { customer_id: 'O-2', balance: a.features.BALANCE, occurred_at: new Date(NEWER), updated_at: new Date(FIRST_WRITE) },
      { customer_id: 'O-3', balance: b.features.BALANCE, occurred_at: new Date(NEWER), updated_at: new Date(LATER_WRITE) },
      { customer_id: 'O-4', balance: b.features.BALANCE, occurred_at: new Date(NEWER), updated_at: new Date(LATER_WRITE) },
      { customer_id: 'O-5', balance: a.features.BALANCE, occurred_at: new Date(FIRST_WRITE), updated_at: new Date(FIRST_WRITE) },
    ]);
    const segmentOf = (event: CustomerFeaturesEvent) => predict(bundle, [{ CUST_ID: event.customerId, ...event.features }])[0].segmentId;
    const assignments = await service.dataSource.query(`SELECT customer_id, segment_id FROM assignments ORDER BY customer_id`);
    expect(assignments).toEqual(
      [
        ['O-1', a],
        ['O-2', a],
        ['O-3', b],
        ['O-4', b],
        ['O-5', a],
      ].map(([customerId, event]) => ({ customer_id: customerId, segment_id: segmentOf(event as CustomerFeaturesEvent) })),
    );
    // One segment event per customer: a skipped state announces nothing.
    expect(await topicRecordCount(environment.kafka, environment.topics.segments)).toBe(5);
  });

  it('should not let a page read before a feature event replace its assignment when that event occurred later but was written earlier', async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    const { version } = await environment.registerChampion(bundle);
    const service = await environment.boot();
    const [a, b] = twoStates(bundle);
    // Two ingestion writers: the state that occurred first was written last.
    await environment.publishFeatures([{ ...a, customerId: 'P-1', occurredAt: OLDER, updatedAt: LATER_WRITE }]);
    await waitFor(
      async () => (await service.dataSource.query(`SELECT 1 FROM assignments WHERE customer_id = 'P-1'`)).length === 1,
      'P-1 scored',
    );
    const reader = service.dataSource.createQueryRunner();
    const stalePage = await service.app
      .get(CustomerFeaturesRepository)
      .pageNotScoredBy(reader, 'unseen', null, 10)
      .finally(() => reader.release());
    await environment.publishFeatures([{ ...b, customerId: 'P-1', occurredAt: NEWER, updatedAt: FIRST_WRITE }]);
    const segmentOf = (event: CustomerFeaturesEvent) => predict(bundle, [{ CUST_ID: event.customerId, ...event.features }])[0].segmentId;
    await waitFor(
      async () =>
        (await service.dataSource.query(`SELECT segment_id FROM assignments WHERE customer_id = 'P-1'`))[0].segment_id === segmentOf(b),
      'the newer state scored',
    );
    const afterEvent = await service.dataSource.query(`SELECT * FROM assignments ORDER BY customer_id`);

    // The re-score's write of the page read before the event, as RescoreUseCase does it.
    const champion = service.app.get(ChampionHolder).current();
    if (champion === null) throw new Error('no champion loaded');
    await service.dataSource.transaction((manager) =>
      service.app.get(AssignmentsRepository).upsert(manager, scoreBatch(champion.bundle, stalePage), version, new Date(), 'moves'),
    );

    expect(await service.dataSource.query(`SELECT * FROM assignments ORDER BY customer_id`)).toEqual(afterEvent);
    expect(afterEvent).toEqual([
      expect.objectContaining({ customer_id: 'P-1', segment_id: segmentOf(b), features_updated_at: new Date(FIRST_WRITE) }),
    ]);
  });
});
