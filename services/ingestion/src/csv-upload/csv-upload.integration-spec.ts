import { parseCustomerFeaturesEvent } from '@seg/contracts';
import { readRecords } from '@seg/kafka/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { uploadCsv } from '../cli/csv-upload.client';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import { startIngestionTestApp, type IngestionTestApp } from '../testing/ingestion-test-app';
import { CsvUploadController } from './csv-upload.controller';

jest.setTimeout(180_000);

const REAL_FILE = join(__dirname, '../../../../../shared/data/Customer Data.csv');
const REAL_ROWS = 8_950;
const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
// C10001 of the real data, in header order.
const VALUES = ['40.900749', '0.818182', '95.4', '0', '95.4', '0', '0.166667', '0', '0.083333', '0', '0', '2', '1000', '201.802084', '139.509787', '0', '12'];
const row = (id: string, overrides: Record<string, string> = {}) => [id, ...FEATURE_NAMES.map((name, j) => overrides[name] ?? VALUES[j])].join(',');

describe(CsvUploadController.name, () => {
  let service: IngestionTestApp;
  const count = async (where: string, parameters: unknown[] = []): Promise<number> =>
    (await service.dataSource.query(`SELECT count(*)::int AS n FROM customers WHERE ${where}`, parameters))[0].n;

  beforeAll(async () => {
    service = await startIngestionTestApp();
  });

  afterAll(() => service?.close());

  it('should store, publish once and then report unchanged when the real file is sent twice', async () => {
    const started = performance.now();
    const first = await service.postCsv(createReadStream(REAL_FILE));
    const seconds = (performance.now() - started) / 1000;
    console.info(`CSV → PostgreSQL (+ outbox): ${REAL_ROWS} rows in ${seconds.toFixed(2)} s = ${Math.round(REAL_ROWS / seconds)} rows/s`);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'completed', read: REAL_ROWS, accepted: REAL_ROWS, rejected: 0, inserted: REAL_ROWS, updated: 0, unchanged: 0, warnings: 8, rejectedRows: [] });
    expect((first.body.warningRows as { column: string }[]).map((w) => w.column)).toEqual(Array(8).fill('CASH_ADVANCE_FREQUENCY'));
    expect(await count('true')).toBe(REAL_ROWS);
    expect(await count('minimum_payments IS NULL')).toBe(313);
    expect(await count('credit_limit IS NULL')).toBe(1);
    expect(await count('cash_advance_frequency > 1')).toBe(0);

    const published = await readRecords(service.kafka, service.topics.features, REAL_ROWS, 90_000);
    expect(published).toHaveLength(REAL_ROWS);
    expect(new Set(published.map((r) => String(r.key))).size).toBe(REAL_ROWS);
    const events = new Map(published.map((r) => [String(r.key), parseCustomerFeaturesEvent(JSON.parse(String(r.value)))]));
    expect(events.get('C10001')).toMatchObject({
      customerId: 'C10001',
      source: 'csv',
      batchId: first.body.batchId,
      features: { BALANCE: 40.900749, MINIMUM_PAYMENTS: 139.509787, TENURE: 12 },
    });
    expect(events.get('C10004')?.features).toMatchObject({ BALANCE: 1666.670542, MINIMUM_PAYMENTS: null });
    await service.app.get(OutboxRelay).settled();

    const second = await service.postCsv(createReadStream(REAL_FILE));

    expect(second.body).toMatchObject({ status: 'completed', read: REAL_ROWS, accepted: REAL_ROWS, inserted: 0, updated: 0, unchanged: REAL_ROWS });
    expect(await service.dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 0 }]);
    expect(await count('batch_id = $1', [first.body.batchId])).toBe(REAL_ROWS);
    await expect(readRecords(service.kafka, service.topics.features, REAL_ROWS + 1, 3_000)).rejects.toThrow(/Timed out/);
  });

  it('should reject exactly the bad rows with line, column and reason and store the good ones when a file has bad rows', async () => {
    const lines = [
      HEADER,
      row('BAD-1'),
      row('BAD-2', { BALANCE: '-5' }),
      row('BAD-3', { PURCHASES_FREQUENCY: '1.7' }),
      row('BAD-4', { PAYMENTS: 'abc' }),
      row('BAD-1', { BALANCE: '7' }),
      row('BAD-5'),
    ];

    const response = await service.postCsv(`${lines.join('\n')}\n`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ read: 6, accepted: 2, rejected: 4, inserted: 2, updated: 0, unchanged: 0 });
    const expectedRejected = [
      { line: 3, customerId: 'BAD-2', column: 'BALANCE', reason: 'BALANCE: -5 is below the minimum 0', raw: lines[2] },
      { line: 4, customerId: 'BAD-3', column: 'PURCHASES_FREQUENCY', reason: 'PURCHASES_FREQUENCY: 1.7 is above the maximum 1', raw: lines[3] },
      { line: 5, customerId: 'BAD-4', column: 'PAYMENTS', reason: "PAYMENTS: not a number ('abc')", raw: lines[4] },
      { line: 6, customerId: 'BAD-1', column: 'CUST_ID', reason: 'CUST_ID: duplicate customer id BAD-1, first seen at line 2', raw: lines[5] },
    ];
    expect(response.body.rejectedRows).toEqual(expectedRejected);
    const stored = await service.dataSource.query(`SELECT customer_id, balance FROM customers WHERE customer_id LIKE 'BAD-%' ORDER BY 1`);
    expect(stored).toEqual([
      { customer_id: 'BAD-1', balance: 40.900749 },
      { customer_id: 'BAD-5', balance: 40.900749 },
    ]);

    const { data } = await service.graphql<{ ingestBatch: Record<string, unknown> }>(
      `query ($id: ID!) { ingestBatch(id: $id) { source status read accepted rejected rejectedRows(first: 10) { line customerId column reason raw } } }`,
      { id: response.body.batchId },
    );
    expect(data?.ingestBatch).toEqual({ source: 'csv', status: 'completed', read: 6, accepted: 2, rejected: 4, rejectedRows: expectedRejected });
  });

  it('should answer 400 naming the column, record a failed batch and store nothing when a header column is missing', async () => {
    const header = ['CUST_ID', ...FEATURE_NAMES.filter((name) => name !== 'TENURE')].join(',');
    const response = await service.postCsv(`${header}\nHDR-1,${VALUES.slice(0, -1).join(',')}\n`);

    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/missing columns: TENURE/);
    expect(await count(`customer_id LIKE 'HDR-%'`)).toBe(0);
    const { data } = await service.graphql<{ ingestBatch: Record<string, unknown> }>(`query ($id: ID!) { ingestBatch(id: $id) { status read error rejectedRows { line } } }`, {
      id: response.body.batchId,
    });
    expect(data?.ingestBatch).toMatchObject({ status: 'failed', read: 0, rejectedRows: [] });
    expect(data?.ingestBatch.error).toMatch(/missing columns: TENURE/);
  });

  it('should answer 415 and create no batch when the body is not text/csv', async () => {
    const before = await service.dataSource.query('SELECT count(*)::int AS n FROM ingest_batches');

    const response = await service.postCsv(`${HEADER}\n${row('TYPE-1')}\n`, 'text/plain');

    expect(response.status).toBe(415);
    expect(await service.dataSource.query('SELECT count(*)::int AS n FROM ingest_batches')).toEqual(before);
    expect(await count(`customer_id = 'TYPE-1'`)).toBe(0);
  });
});

describe(`${CsvUploadController.name} where the platform's shared secret is set`, () => {
  const secret = 'it-only-subgraph-secret';
  let service: IngestionTestApp;

  beforeAll(async () => {
    service = await startIngestionTestApp({ GATEWAY_SUBGRAPH_SECRET: secret });
  });

  afterAll(() => service?.close());

  it('should answer 403 and store nothing without the secret, and ingest with it', async () => {
    const csv = () => Readable.from([`${HEADER}\n${row('SECRET-1')}\n`]);

    const refused = await uploadCsv(service.url, csv(), 'no-secret.csv');
    const wrong = await uploadCsv(service.url, csv(), 'wrong-secret.csv', 'text/csv', 'guess');
    expect([refused.status, wrong.status]).toEqual([403, 403]);
    expect(await service.dataSource.query('SELECT count(*)::int AS n FROM ingest_batches')).toEqual([{ n: 0 }]);

    const accepted = await uploadCsv(service.url, csv(), 'with-secret.csv', 'text/csv', secret);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'completed', read: 1, inserted: 1 });
  });
});
