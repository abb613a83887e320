import { DlqHeaders, KafkaConsumerRegistry, KafkaProducer } from '@seg/kafka';
import { readRecords, waitFor } from '@seg/kafka/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { startIngestionTestApp, type IngestionTestApp } from '../testing/ingestion-test-app';
import { RawEventsConsumer } from './raw-events.consumer';

jest.setTimeout(120_000);

const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, name === 'TENURE' ? 12 : 1]));
const rawEvent = (customerId: string, overrides: Record<string, unknown> = {}) => ({
  customerId,
  occurredAt: '2026-01-31T12:00:00Z',
  features: { ...features, ...overrides },
});

describe(RawEventsConsumer.name, () => {
  let service: IngestionTestApp;

  beforeAll(async () => {
    service = await startIngestionTestApp();
  });

  afterAll(() => service?.close());

  it('should store and publish valid events, dead-letter invalid ones with the reason and keep consuming when events are mixed', async () => {
    const producer = service.app.get(KafkaProducer);
    const stored = async () =>
      (await service.dataSource.query(`SELECT customer_id, balance, minimum_payments, source FROM customers ORDER BY 1`)) as Record<string, unknown>[];

    await producer.send(service.topics.raw, [
      { key: 'K-1', value: rawEvent('K-1', { BALANCE: 10, MINIMUM_PAYMENTS: null }) },
      { key: 'K-2', value: rawEvent('K-2', { BALANCE: -1 }) },
      { key: 'K-3', value: 'this is not JSON' },
    ]);
    const dead = await readRecords(service.kafka, service.topics.rawDlq, 2, 30_000);
    await producer.send(service.topics.raw, [{ key: 'K-4', value: rawEvent('K-4', { BALANCE: 40 }) }]);
    await waitFor(async () => (await stored()).length === 2, 'both valid events stored', 30_000);

    expect(await stored()).toEqual([
      { customer_id: 'K-1', balance: 10, minimum_payments: null, source: 'kafka' },
      { customer_id: 'K-4', balance: 40, minimum_payments: 1, source: 'kafka' },
    ]);
    expect(dead.map((r) => [String(r.key), r.headers[DlqHeaders.reason]]).sort()).toEqual([
      ['K-2', 'validation failed: BALANCE: -1 is below the minimum 0'],
      ['K-3', expect.stringMatching(/^invalid JSON/)],
    ]);
    const published = await readRecords(service.kafka, service.topics.features, 2, 30_000);
    expect(published.map((r) => [String(r.key), JSON.parse(String(r.value)).features.BALANCE]).sort()).toEqual([
      ['K-1', 10],
      ['K-4', 40],
    ]);
    expect(service.app.get(KafkaConsumerRegistry).list().map((c) => c.state)).toEqual(['running']);
    // One batch record per handler call; how the two valid events were fetched is up to the broker.
    const batches = await service.dataSource.query(
      `SELECT source, status, sum(rows_read)::int AS read, sum(rows_inserted)::int AS inserted FROM ingest_batches GROUP BY 1, 2`,
    );
    expect(batches).toEqual([{ source: 'kafka', status: 'completed', read: 2, inserted: 2 }]);
  });

  it('should answer 503 on /health but 200 on /health/live while events cannot be stored, then store them without a restart once they can', async () => {
    const producer = service.app.get(KafkaProducer);
    const get = async (path: string) => {
      const response = await fetch(`${service.url}${path}`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const storedH1 = async () => (await service.dataSource.query(`SELECT count(*)::int AS n FROM customers WHERE customer_id = 'H-1'`))[0].n as number;
    expect((await get('/health')).status).toBe(200);

    // The table the handler writes vanishes: every attempt fails, well past the consumer's quick retries.
    await service.dataSource.query('ALTER TABLE customers RENAME TO customers_away');
    let whileFailing: { ready: Awaited<ReturnType<typeof get>>; live: Awaited<ReturnType<typeof get>> };
    try {
      await producer.send(service.topics.raw, [{ key: 'H-1', value: rawEvent('H-1', { BALANCE: 7 }) }]);
      await waitFor(async () => (await get('/health')).status === 503, '/health to report the stalled consumer', 30_000);
      whileFailing = { ready: await get('/health'), live: await get('/health/live') };
    } finally {
      await service.dataSource.query('ALTER TABLE customers_away RENAME TO customers');
    }
    await waitFor(async () => (await storedH1()) === 1, 'the event stored after the table is back', 30_000);
    // The row is visible once the handler's transaction commits, a moment before the consumer clears its stall.
    await waitFor(async () => (await get('/health')).status === 200, '/health to recover', 10_000);

    expect(whileFailing.ready.body).toMatchObject({
      status: 'unavailable',
      checks: { database: 'up', kafka: 'up', consumers: expect.stringMatching(/^down: it-ingestion-\w+: handler failing on .+\[\d\] from offset \d+: .*customers.* does not exist/) },
      consumers: [expect.objectContaining({ state: 'running', ready: false, live: true, stalledSince: expect.any(String) })],
    });
    expect(whileFailing.live).toMatchObject({ status: 200, body: { status: 'ok', checks: { consumers: 'up' } } });
    expect(await get('/health')).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'up', kafka: 'up', consumers: 'up' } } });
    expect(service.app.get(KafkaConsumerRegistry).list().map((c) => c.state)).toEqual(['running']);
  });
});
