import type { CustomerErasedEvent } from '@seg/contracts';
import { waitFor } from '@seg/kafka/testing';
import { createTestBundle } from '@seg/ml/testing';
import { createScoringTestEnvironment, featureEvents, handledFeatureEvents, type ScoringTestApp, type ScoringTestEnvironment } from '../testing/scoring-test-app';
import { EraseCustomersUseCase } from './erase-customers.usecase';

jest.setTimeout(120_000);

const TABLES = ['customer_features', 'assignments', 'segment_history'];

describe(EraseCustomersUseCase.name, () => {
  let environment: ScoringTestEnvironment;

  beforeAll(async () => {
    environment = await createScoringTestEnvironment();
  });

  afterAll(() => environment?.close());

  const holdings = async (service: ScoringTestApp, ids: readonly string[]) => {
    const found: Record<string, number> = {};
    for (const table of TABLES) {
      found[table] = (await service.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE customer_id = ANY($1::text[])`, [ids]))[0].n;
    }
    return found;
  };

  it('should delete features, assignment and history on a features tombstone and on an erasure event, and keep them gone when both topics are replayed', async () => {
    await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const service = await environment.boot();
    const events = featureEvents(30, 11, 'E');
    await environment.publishFeatures(events);
    await waitFor(async () => (await service.dataSource.query(`SELECT count(*)::int AS n FROM assignments`))[0].n === 30, '30 assignments');
    const [byTombstone, byEvent] = ['E0003', 'E0017'];
    expect(await holdings(service, [byTombstone, byEvent])).toEqual({ customer_features: 2, assignments: 2, segment_history: 2 });

    const erasure: CustomerErasedEvent = { customerId: byEvent, reason: 'test', erasedAt: new Date().toISOString(), erasedBy: 'admin' };
    await environment.producer.send(environment.topics.features, [{ key: byTombstone, value: null }]);
    await environment.producer.send(environment.topics.erased, [{ key: byEvent, value: erasure }]);
    await waitFor(async () => Object.values(await holdings(service, [byTombstone, byEvent])).every((n) => n === 0), 'both customers erased');
    expect(await holdings(service, ['E0000'])).toEqual({ customer_features: 1, assignments: 1, segment_history: 1 });

    // Newer records of both after the erasure (a source still sending), then a new group replaying both topics from the start.
    const handledBefore = handledFeatureEvents(service);
    const later = new Date(Date.now() + 1_000).toISOString();
    await environment.publishFeatures(events.filter((e) => e.customerId === byTombstone || e.customerId === byEvent).map((e) => ({ ...e, updatedAt: later })));
    await waitFor(() => handledFeatureEvents(service) >= handledBefore + 2, 'the later records handled');
    const replaying = await environment.boot({ SCORING_CONSUMER_GROUP: `${service.config.settings.SCORING_CONSUMER_GROUP}-replay` });
    await waitFor(() => handledFeatureEvents(replaying) >= 32, 'the features topic replayed');

    expect(await holdings(service, [byTombstone, byEvent])).toEqual({ customer_features: 0, assignments: 0, segment_history: 0 });
    expect((await service.dataSource.query(`SELECT count(*)::int AS n FROM erased_customers`))[0].n).toBe(2);
    expect(JSON.stringify(await service.dataSource.query(`SELECT * FROM erased_customers`))).not.toContain('E00');
    expect((await service.dataSource.query(`SELECT count(*)::int AS n FROM assignments`))[0].n).toBe(28);
  });
});
