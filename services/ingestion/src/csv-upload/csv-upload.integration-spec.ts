import { parseCustomerFeaturesEvent } from '@seg/contracts';
import { readRecords } from '@seg/kafka/testing';
import { FEATURE_NAMES, SeededRandom } from '@seg/ml';
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
    const whole = (raw: string) => ({ raw, rawLength: raw.length, rawTruncated: false });
    const expectedRejected = [
      { line: 3, customerId: 'BAD-2', column: 'BALANCE', reason: 'BALANCE: -5 is below the minimum 0', ...whole(lines[2]) },
      { line: 4, customerId: 'BAD-3', column: 'PURCHASES_FREQUENCY', reason: 'PURCHASES_FREQUENCY: 1.7 is above the maximum 1', ...whole(lines[3]) },
      { line: 5, customerId: 'BAD-4', column: 'PAYMENTS', reason: "PAYMENTS: not a number ('abc')", ...whole(lines[4]) },
      { line: 6, customerId: 'BAD-1', column: 'CUST_ID', reason: 'CUST_ID: duplicate customer id BAD-1, first seen at line 2', ...whole(lines[5]) },
    ];
    expect(response.body.rejectedRows).toEqual(expectedRejected);
    const stored = await service.dataSource.query(`SELECT customer_id, balance FROM customers WHERE customer_id LIKE 'BAD-%' ORDER BY 1`);
    expect(stored).toEqual([
      { customer_id: 'BAD-1', balance: 40.900749 },
      { customer_id: 'BAD-5', balance: 40.900749 },
    ]);

    const { data } = await service.graphql<{ ingestBatch: Record<string, unknown> }>(
      `query ($id: ID!) { ingestBatch(id: $id) { source status read accepted rejected rejectedRows(first: 10) { line customerId column reason raw rawLength rawTruncated } } }`,
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

  describe('on hostile input', () => {
    const rejectedOf = async (batchId: unknown): Promise<Record<string, unknown>[]> =>
      service.dataSource.query('SELECT line, customer_id, reason, raw, raw_length, raw_truncated FROM rejected_rows WHERE batch_id = $1 ORDER BY line', [batchId]);
    const validRows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => row(`${prefix}-${i}`));

    it('should store the 4,000 valid rows and reject the NUL row and the junk lines by line number when they sit among them', async () => {
      const random = new SeededRandom(16);
      // NUL, quotes, line breaks, commas and bytes that are not UTF-8, in a block ending with an unclosed quote.
      const junk = Buffer.concat([Buffer.from(Array.from({ length: 3000 }, () => [0x00, 0x22, 0x0a, 0x2c, 0xff, 0xc3][random.int(9)] ?? random.int(256))), Buffer.from('\n"open,1\n')]);
      const valid = validRows('NUL', 4000);
      const nulRow = row('NUL-X', { BALANCE: '40.9\u0000' });
      const head = `${HEADER}\n${valid.slice(0, 1000).join('\n')}\n${nulRow}\n${valid.slice(1000, 3000).join('\n')}\n`;
      const body = Buffer.concat([Buffer.from(head), junk, Buffer.from(`${valid.slice(3000).join('\n')}\n`)]);
      const junkLines = { from: 3003, to: 3003 + junk.filter((byte) => byte === 0x0a).length - 1 };

      const response = await service.postCsv(Readable.from([body]));

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'completed', accepted: 4000, inserted: 4000 });
      expect(await count(`customer_id LIKE 'NUL-%'`)).toBe(4000);
      const rejected = await rejectedOf(response.body.batchId);
      expect(rejected[0]).toEqual({
        line: 1002,
        customer_id: 'NUL-X',
        reason: "BALANCE: not a number ('40.9\uFFFD')",
        raw: row('NUL-X', { BALANCE: '40.9\uFFFD' }),
        raw_length: nulRow.length,
        raw_truncated: false,
      });
      const junkRejected = rejected.slice(1).map((r) => r.line as number);
      expect(junkRejected.length).toBeGreaterThan(0);
      expect(junkRejected.filter((line) => line < junkLines.from || line > junkLines.to)).toEqual([]);
      expect(response.body).toMatchObject({ read: 4000 + rejected.length, rejected: rejected.length });
    });

    it('should store a 1.1 MB bad line truncated to 4,096 characters with its length, and echo it truncated', async () => {
      const huge = row('HUGE-2', { PAYMENTS: '9'.repeat(1_100_000) });

      const response = await service.postCsv([HEADER, row('HUGE-1'), huge, row('HUGE-3')].join('\n'));

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ read: 3, accepted: 2, rejected: 1 });
      const echoed = { line: 3, customerId: 'HUGE-2', column: null, reason: `line too long: ${huge.length} characters, the limit is 1048576`, raw: huge.slice(0, 4096), rawLength: huge.length, rawTruncated: true };
      expect(response.body.rejectedRows).toEqual([echoed]);
      expect(await rejectedOf(response.body.batchId)).toEqual([
        { line: 3, customer_id: 'HUGE-2', reason: echoed.reason, raw: echoed.raw, raw_length: huge.length, raw_truncated: true },
      ]);
      const { data } = await service.graphql<{ ingestBatch: { rejectedRows: unknown[] } }>(
        `query ($id: ID!) { ingestBatch(id: $id) { rejectedRows { line customerId column reason raw rawLength rawTruncated } } }`,
        { id: response.body.batchId },
      );
      expect(data?.ingestBatch.rejectedRows).toEqual([echoed]);
      expect(await count(`customer_id IN ('HUGE-1', 'HUGE-3')`)).toBe(2);
    });

    it('should reject the row of an unclosed quote and store the rows after it', async () => {
      const open = `QUOTE-2,"40.9,${VALUES.slice(1).join(',')}`;
      const lines = [HEADER, row('QUOTE-1'), open, ...validRows('QUOTE-A', 500), `QUOTE-3,"1",${VALUES.slice(1).join(',')}`];

      const response = await service.postCsv(`${lines.join('\n')}\n`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ read: 503, accepted: 502, rejected: 1 });
      expect(response.body.rejectedRows).toEqual([{ line: 3, customerId: 'QUOTE-2', column: null, reason: 'unclosed quote in column 2', raw: open, rawLength: open.length, rawTruncated: false }]);
      expect(await count(`customer_id LIKE 'QUOTE-%'`)).toBe(502);
    });

    it('should give the whole length of a rejected row written by the previous version, which stored no length', async () => {
      const response = await service.postCsv(`${HEADER}\n${row('OLD-1')}\n`);
      // The previous version's statement, as a pod of it still running in a rolling update writes it.
      await service.dataSource.query(`INSERT INTO rejected_rows (batch_id, line, customer_id, "column", reason, raw) VALUES ($1, 3, 'OLD-2', null, 'r', 'a,b')`, [
        response.body.batchId,
      ]);

      const { data } = await service.graphql<{ ingestBatch: { rejectedRows: unknown[] } }>(
        `query ($id: ID!) { ingestBatch(id: $id) { rejectedRows { line raw rawLength rawTruncated } } }`,
        { id: response.body.batchId },
      );
      expect(data?.ingestBatch.rejectedRows).toEqual([{ line: 3, raw: 'a,b', rawLength: 3, rawTruncated: false }]);
    });

    it('should record the batch with its file name made storable when the name has a NUL byte', async () => {
      const response = await uploadCsv(service.url, Readable.from([`${HEADER}\n${row('NAME-1')}\n`]), 'bad\u0000name.csv', 'text/csv', service.config.settings.GATEWAY_SUBGRAPH_SECRET);

      expect(response.status).toBe(200);
      expect(await service.dataSource.query('SELECT file_name, status FROM ingest_batches WHERE id = $1', [response.body.batchId])).toEqual([
        { file_name: 'bad\uFFFDname.csv', status: 'completed' },
      ]);
    });
  });

  it('should answer 415 and create no batch when the body is not text/csv', async () => {
    const before = await service.dataSource.query('SELECT count(*)::int AS n FROM ingest_batches');

    const response = await service.postCsv(`${HEADER}\n${row('TYPE-1')}\n`, 'text/plain');

    expect(response.status).toBe(415);
    expect(await service.dataSource.query('SELECT count(*)::int AS n FROM ingest_batches')).toEqual(before);
    expect(await count(`customer_id = 'TYPE-1'`)).toBe(0);
  });
});

describe(`${CsvUploadController.name} when a chunk cannot be written`, () => {
  let service: IngestionTestApp;

  beforeAll(async () => {
    service = await startIngestionTestApp({ INGESTION_CSV_BATCH_SIZE: '2' });
    // A write PostgreSQL refuses, whatever the cause: a constraint on this test's own schema.
    await service.dataSource.query('ALTER TABLE rejected_rows ADD CONSTRAINT it_refuse_late_lines CHECK (line < 5)');
  });

  afterAll(() => service?.close());

  it('should answer a JSON error with the batch id and the counts committed before, and mark the batch failed', async () => {
    const csv = [HEADER, row('FAIL-1'), row('FAIL-2'), row('FAIL-3', { BALANCE: '-1' }), row('FAIL-4'), row('FAIL-5', { BALANCE: '-1' }), row('FAIL-6')].join('\n');

    const response = await service.postCsv(csv);

    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({
      batchId: expect.any(String),
      status: 'failed',
      committed: { read: 4, accepted: 3, rejected: 1, inserted: 3, updated: 0, unchanged: 0, warnings: 0 },
    });
    expect(response.body.message).toMatch(/it_refuse_late_lines/);
    const [batch] = await service.dataSource.query('SELECT status, error, rows_read, rows_inserted FROM ingest_batches WHERE id = $1', [response.body.batchId]);
    expect(batch).toMatchObject({ status: 'failed', rows_read: 4, rows_inserted: 3 });
    expect(batch.error).toMatch(/it_refuse_late_lines/);
    const stored = await service.dataSource.query(`SELECT customer_id FROM customers ORDER BY 1`);
    expect(stored.map((r: { customer_id: string }) => r.customer_id)).toEqual(['FAIL-1', 'FAIL-2', 'FAIL-4']);
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
