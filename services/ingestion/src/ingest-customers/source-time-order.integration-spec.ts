import { parseCustomerFeaturesEvent } from '@seg/contracts';
import { DlqHeaders, KafkaProducer, topicRecordCount } from '@seg/kafka';
import { readRecords, waitFor } from '@seg/kafka/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { Readable } from 'node:stream';
import { uploadCsv } from '../cli/csv-upload.client';
import { startIngestionTestApp, type IngestionTestApp } from '../testing/ingestion-test-app';
import { IngestCustomersUseCase } from './ingest-customers.usecase';

jest.setTimeout(120_000);

const NEWER = '2026-06-01T12:00:00Z';
const OLDER = '2020-01-31T12:00:00Z';

const rawEvent = (customerId: string, occurredAt: string, balance: number) => ({
  key: customerId,
  value: { customerId, occurredAt, features: Object.fromEntries(FEATURE_NAMES.map((name) => [name, name === 'BALANCE' ? balance : 1])) },
});

const csvOf = (rows: readonly (readonly [string, number])[]) =>
  [
    ['CUST_ID', ...FEATURE_NAMES].join(','),
    ...rows.map(([id, balance]) => [id, ...FEATURE_NAMES.map((name) => (name === 'BALANCE' ? balance : 1))].join(',')),
  ].join('\n');

describe(`${IngestCustomersUseCase.name} (order by the source's time)`, () => {
  let service: IngestionTestApp;
  let producer: KafkaProducer;

  beforeAll(async () => {
    service = await startIngestionTestApp();
    producer = service.app.get(KafkaProducer);
  });

  afterAll(() => service?.close());

  const balanceOf = async (customerId: string) =>
    (
      (await service.dataSource.query(`SELECT balance FROM customers WHERE customer_id = $1`, [customerId]))[0] as
        | { balance: number }
        | undefined
    )?.balance;
  const stored = async (customerId: string) =>
    (await service.dataSource.query(`SELECT balance, occurred_at FROM customers WHERE customer_id = $1`, [customerId]))[0] as
      | { balance: number; occurred_at: Date }
      | undefined;
  const kafkaRead = async () =>
    Number(
      (
        await service.dataSource.query(
          `SELECT coalesce(sum(rows_read), 0)::int AS n FROM ingest_batches WHERE source = 'kafka' AND status = 'completed'`,
        )
      )[0].n,
    );
  const kafkaTotals = async () =>
    (
      await service.dataSource.query(
        `SELECT coalesce(sum(rows_read), 0)::int AS read, coalesce(sum(rows_updated), 0)::int AS updated, coalesce(sum(rows_stale), 0)::int AS stale
           FROM ingest_batches WHERE source = 'kafka' AND status = 'completed'`,
      )
    )[0] as { read: number; updated: number; stale: number };
  const readSoFar = async (read: number) => waitFor(async () => (await kafkaRead()) >= read, `${read} raw events ingested`, 30_000);
  /** The features events of `customerId` once the outbox is empty: what downstream consumers get. */
  const published = async (customerId: string, atLeast: number) => {
    await waitFor(
      async () => Number((await service.dataSource.query(`SELECT count(*)::int AS n FROM outbox`))[0].n) === 0,
      'the outbox published',
      30_000,
    );
    const records = await readRecords(service.kafka, service.topics.features, atLeast, 30_000);
    return records
      .filter((record) => String(record.key) === customerId)
      .map((record) => parseCustomerFeaturesEvent(JSON.parse(String(record.value))));
  };

  it('should keep the newer state, publish nothing and count the older event as stale when it arrives in a later batch', async () => {
    const read = await kafkaRead();
    await producer.send(service.topics.raw, [rawEvent('T-1', NEWER, 10)]);
    await readSoFar(read + 1);
    const before = await kafkaTotals();
    const featuresBefore = await topicRecordCount(service.kafka, service.topics.features);
    await producer.send(service.topics.raw, [rawEvent('T-1', OLDER, 99)]);
    await readSoFar(read + 2);

    expect(await balanceOf('T-1')).toBe(10);
    expect(await stored('T-1')).toEqual({ balance: 10, occurred_at: new Date(NEWER) });
    expect(await kafkaTotals()).toEqual({ read: before.read + 1, updated: before.updated, stale: before.stale + 1 });
    const events = await published('T-1', featuresBefore);
    expect(events.map((event) => [event.features.BALANCE, event.occurredAt && Date.parse(event.occurredAt)])).toEqual([
      [10, Date.parse(NEWER)],
    ]);
    expect(await topicRecordCount(service.kafka, service.topics.features)).toBe(featuresBefore);
  });

  it('should keep the newer state and count the older event as stale when both arrive in one batch', async () => {
    const read = await kafkaRead();
    const featuresBefore = await topicRecordCount(service.kafka, service.topics.features);
    // One request to one partition: one fetched batch. T-3's newer event comes last: it supersedes, nothing is stale.
    await producer.send(service.topics.raw, [
      rawEvent('T-2', NEWER, 20),
      rawEvent('T-3', OLDER, 30),
      rawEvent('T-2', OLDER, 98),
      rawEvent('T-3', NEWER, 31),
    ]);
    await readSoFar(read + 4);

    expect([await balanceOf('T-2'), await balanceOf('T-3')]).toEqual([20, 31]);
    expect(await stored('T-2')).toEqual({ balance: 20, occurred_at: new Date(NEWER) });
    expect(await stored('T-3')).toEqual({ balance: 31, occurred_at: new Date(NEWER) });
    const batch = await service.dataSource.query(
      `SELECT rows_read AS read, rows_stale AS stale FROM ingest_batches WHERE source = 'kafka' ORDER BY started_at DESC LIMIT 1`,
    );
    expect(batch).toEqual([{ read: 4, stale: 1 }]);
    await published('T-2', featuresBefore + 2);
    expect(await topicRecordCount(service.kafka, service.topics.features)).toBe(featuresBefore + 2);
  });

  it('should let the later arrival win when two events of a customer have the same occurredAt, in one batch or in two', async () => {
    await producer.send(service.topics.raw, [rawEvent('T-4', NEWER, 1), rawEvent('T-4', NEWER, 2)]);
    await waitFor(async () => (await balanceOf('T-4')) === 2, 'the later of two events in one batch stored');
    const before = await kafkaTotals();
    await producer.send(service.topics.raw, [rawEvent('T-4', NEWER, 3)]);
    await readSoFar(before.read + 1);
    expect(await balanceOf('T-4')).toBe(3);

    expect(await stored('T-4')).toEqual({ balance: 3, occurred_at: new Date(NEWER) });
    expect(await kafkaTotals()).toMatchObject({ updated: before.updated + 1, stale: before.stale });
  });

  it('should treat a state confirmed by a newer event with the same features as newer than a late event in between', async () => {
    await producer.send(service.topics.raw, [rawEvent('T-5', '2026-02-01T00:00:00Z', 5)]);
    await waitFor(async () => (await balanceOf('T-5')) !== undefined, 'T-5 stored');
    const read = await kafkaRead();
    await producer.send(service.topics.raw, [rawEvent('T-5', '2026-03-01T00:00:00Z', 5)]);
    await readSoFar(read + 1);
    const before = await kafkaTotals();
    await producer.send(service.topics.raw, [rawEvent('T-5', '2026-02-15T00:00:00Z', 6)]);
    await readSoFar(read + 2);

    expect(await balanceOf('T-5')).toBe(5);
    expect(await stored('T-5')).toEqual({ balance: 5, occurred_at: new Date('2026-03-01T00:00:00Z') });
    expect(await kafkaTotals()).toMatchObject({ updated: before.updated, stale: before.stale + 1 });
  });

  it("should date CSV rows at the upload's time unless the upload says otherwise, and skip them when they are older than the stored state", async () => {
    const upload = (csv: string, occurredAt?: string) =>
      uploadCsv(service.url, Readable.from([csv]), 'dated.csv', 'text/csv', service.config.settings.GATEWAY_SUBGRAPH_SECRET, occurredAt ?? null);
    const uploadStarted = Date.now();
    expect((await upload(csvOf([['T-6', 60]]))).body).toMatchObject({ inserted: 1, stale: 0 });
    const dated = await stored('T-6');
    expect(dated?.occurred_at.getTime()).toBeGreaterThanOrEqual(uploadStarted - 1_000);

    // A raw event from before the upload is older than the file's state.
    const read = await kafkaRead();
    await producer.send(service.topics.raw, [rawEvent('T-6', OLDER, 61)]);
    await readSoFar(read + 1);
    expect(await stored('T-6')).toEqual(dated);

    expect(
      (
        await upload(
          csvOf([
            ['T-6', 62],
            ['T-7', 70],
          ]),
          '2021-05-01T00:00:00+02:00',
        )
      ).body,
    ).toMatchObject({ read: 2, inserted: 1, updated: 0, stale: 1 });
    expect(await stored('T-6')).toEqual(dated);
    expect(await stored('T-7')).toEqual({ balance: 70, occurred_at: new Date('2021-04-30T22:00:00Z') });

    const refused = await upload(csvOf([['T-8', 80]]), 'last tuesday');
    expect(refused.status).toBe(400);
    expect(String(refused.body.message)).toMatch(/^occurredAt: not an ISO-8601 instant/);
    const future = await upload(csvOf([['T-8', 80]]), new Date(Date.now() + 86_400_000).toISOString());
    expect(future.status).toBe(400);
    expect(String(future.body.message)).toMatch(/ahead of this service's clock .*INGESTION_MAX_FUTURE_MS/);
    expect(await stored('T-8')).toBeUndefined();
  });

  it('should dead-letter an event dated in the future, which would make every real update of the customer stale, and keep the stored state', async () => {
    await producer.send(service.topics.raw, [rawEvent('T-9', NEWER, 90)]);
    await waitFor(async () => (await balanceOf('T-9')) === 90, 'T-9 stored');
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
    await producer.send(service.topics.raw, [rawEvent('T-9', nextYear, 91)]);

    const [dead] = await readRecords(service.kafka, service.topics.rawDlq, 1, 30_000);
    expect([String(dead.key), dead.headers[DlqHeaders.reason]]).toEqual([
      'T-9',
      expect.stringMatching(/^validation failed: occurredAt: .* ahead of this service's clock/),
    ]);
    expect(await stored('T-9')).toEqual({ balance: 90, occurred_at: new Date(NEWER) });
  });
});
