import { dbConfigFromEnv, quoteIdentifier } from '@seg/db';
import { waitFor } from '@seg/kafka/testing';
import { createTestBundle } from '@seg/ml/testing';
import { metricValue } from '@seg/observability/testing';
import { Client } from 'pg';
import { createScoringTestEnvironment, featureEvents, type ScoringTestApp, type ScoringTestEnvironment } from '../testing/scoring-test-app';
import { ScoringMetrics } from './scoring.metrics';

jest.setTimeout(90_000);

const count = async (service: ScoringTestApp, table: string) => Number((await service.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

describe(ScoringMetrics.name, () => {
  let environment: ScoringTestEnvironment;

  beforeEach(async () => {
    environment = await createScoringTestEnvironment();
  });

  afterEach(() => environment?.close());

  it('should move the consumer and scoring counters by the N events scored, and show the champion, on GET /metrics', async () => {
    const { version } = await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const service = await environment.boot();
    const group = service.config.settings.SCORING_CONSUMER_GROUP;
    const before = await service.scrapeMetrics();

    await environment.publishFeatures(featureEvents(60, 11, 'M'));
    await waitFor(async () => (await count(service, 'assignments')) === 60, '60 assignments');
    await waitFor(async () => metricValue(await service.scrapeMetrics(), 'seg_kafka_consumer_records_total', { group }) === 60, 'the records counted');
    const after = await service.scrapeMetrics();

    expect(metricValue(before, 'seg_kafka_consumer_records_total', { group })).toBeUndefined();
    expect(metricValue(after, 'seg_kafka_consumer_records_total', { group, topic: environment.topics.features })).toBe(60);
    expect(metricValue(after, 'seg_scoring_assignments_written_total')).toBe(60);
    expect(metricValue(after, 'seg_scoring_features_stored_total')).toBe(60);
    // New customers are moves from no segment: each has its first history row.
    expect(metricValue(after, 'seg_scoring_segment_moves_total')).toBe(60);
    expect(metricValue(after, 'seg_kafka_consumer_batch_size_sum', { group })).toBe(60);
    expect(metricValue(after, 'seg_kafka_consumer_lag', { group, topic: environment.topics.features })).toBe(0);
    expect(metricValue(after, 'seg_scoring_champion_info', { version, source: 'mlflow' })).toBe(1);
    expect(metricValue(after, 'seg_kafka_consumer_live', { group })).toBe(1);
    expect(metricValue(after, 'seg_db_pool_connections')).toBeGreaterThan(0);
    expect(metricValue(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('should count a dead-lettered record under its reason', async () => {
    await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const service = await environment.boot();
    const group = service.config.settings.SCORING_CONSUMER_GROUP;

    await environment.producer.send(environment.topics.features, [
      { key: 'BAD1', value: { customerId: 'BAD1', features: { BALANCE: 'lots' } } },
      { key: 'BAD2', value: '{"customerId":' },
      { key: 'BAD3', value: { customerId: 'BAD3' } },
    ]);
    await waitFor(async () => metricValue(await service.scrapeMetrics(), 'seg_kafka_consumer_dead_lettered_total', { group }) === 3, 'three records dead-lettered');
    const text = await service.scrapeMetrics();

    expect(metricValue(text, 'seg_kafka_consumer_dead_lettered_total', { group, topic: environment.topics.features, reason: 'invalid-record' })).toBe(2);
    expect(metricValue(text, 'seg_kafka_consumer_dead_lettered_total', { group, topic: environment.topics.features, reason: 'invalid-json' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_assignments_written_total')).toBe(0);
  });

  it('should show the lag of a wedged consumer and fail /health/live, then recover, when its batch hangs on a lock with records waiting', async () => {
    await environment.registerChampion(await createTestBundle({ rows: 1_500 }));
    const service = await environment.boot({ KAFKA_CONSUMER_PROGRESS_TIMEOUT_MS: '2000', KAFKA_CONSUMER_LAG_PROBE_MS: '300' });
    const group = service.config.settings.SCORING_CONSUMER_GROUP;
    const live = async () => (await fetch(`${service.url}/health/live`)).status;
    await waitFor(async () => (await live()) === 200, 'the consumers live');
    // Another session holds the table the handler writes: the batch waits on the lock, heartbeats stop, nothing fails.
    const connection = dbConfigFromEnv(process.env);
    const locker = new Client('url' in connection ? { connectionString: connection.url } : connection);
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${quoteIdentifier(service.config.settings.SCORING_DB_SCHEMA)}.customer_features IN ACCESS EXCLUSIVE MODE`);
      await environment.publishFeatures(featureEvents(30, 12, 'W'));

      await waitFor(async () => (await live()) === 503, '/health/live failing', 20_000);
      const wedged = (await (await fetch(`${service.url}/health/live`)).json()) as { checks: { consumers: string } };
      const text = await service.scrapeMetrics();

      expect(wedged.checks.consumers).toMatch(new RegExp(`^down: ${group}: lag of \\d+ on .*customers\\.features\\.v1\\[\\d\\] and no progress for \\d+ s$`));
      // The 30 records, over the topic's partitions.
      expect(metricValue(text, 'seg_kafka_consumer_lag', { group, topic: environment.topics.features })).toBe(30);
      expect(metricValue(text, 'seg_kafka_consumer_live', { group })).toBe(0);
    } finally {
      await locker.query('COMMIT').finally(() => locker.end());
    }
    await waitFor(async () => (await count(service, 'assignments')) === 30, 'the batch scored once the lock is gone');
    await waitFor(async () => (await live()) === 200, '/health/live passing again');
  });
});
