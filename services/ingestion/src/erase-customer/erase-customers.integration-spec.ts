import { parseCustomerErasedEvent, USER_ID_HEADER } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { readRecords, waitFor } from '@seg/kafka/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { startIngestionTestApp, type IngestionTestApp } from '../testing/ingestion-test-app';
import { EraseCustomersUseCase } from './erase-customers.usecase';

jest.setTimeout(120_000);

const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
const row = (id: string, balance: number | string) => [id, String(balance), ...FEATURE_NAMES.slice(1).map(() => '1')].join(',');
const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;
const eventFeatures = Object.fromEntries(FEATURE_NAMES.map((name) => [name, name === 'TENURE' ? 12 : 1]));
const ERASE = `mutation ($id: ID!, $reason: String!) { eraseCustomer(id: $id, reason: $reason) { customerId idHash erased customerRows rejectedRows } }`;

describe(EraseCustomersUseCase.name, () => {
  let service: IngestionTestApp;
  const customers = async () =>
    (await service.dataSource.query(`SELECT customer_id FROM customers ORDER BY 1`)).map((r: { customer_id: string }) => r.customer_id);
  const rejected = async () =>
    (await service.dataSource.query(`SELECT customer_id FROM rejected_rows ORDER BY 1`)).map((r: { customer_id: string }) => r.customer_id);

  beforeAll(async () => {
    service = await startIngestionTestApp();
  });

  afterAll(() => service?.close());

  it('should delete the customer and its rejected rows, announce a tombstone and the erasure after its features, and audit only a hash, when an admin erases it', async () => {
    await service.postCsv(csv(row('X1', 10), row('X2', 20), row('X1', 'oops'), row('X3', -5)));
    await service.postCsv(csv(row('X3', -6)));
    expect(await customers()).toEqual(['X1', 'X2']);
    expect(await rejected()).toEqual(['X1', 'X3', 'X3']);

    const first = await service.graphql(ERASE, { id: 'X1', reason: 'GDPR request #1' }, { [USER_ID_HEADER]: 'alice' });
    const third = await service.graphql(ERASE, { id: 'X3', reason: 'GDPR request #3' }, { [USER_ID_HEADER]: 'alice' });

    expect(first.errors).toBeUndefined();
    expect(first.data).toEqual({
      eraseCustomer: { customerId: 'X1', idHash: expect.stringMatching(/^-?\d+$/), erased: true, customerRows: 1, rejectedRows: 1 },
    });
    expect(third.data).toMatchObject({ eraseCustomer: { customerId: 'X3', erased: true, customerRows: 0, rejectedRows: 2 } });
    expect(await customers()).toEqual(['X2']);
    expect(await rejected()).toEqual([]);
    const audit = await service.dataSource.query(
      `SELECT id_hash, reason, erased_by, customer_rows, rejected_rows FROM erasure_audit ORDER BY id`,
    );
    expect(audit).toEqual([
      {
        id_hash: (first.data as { eraseCustomer: { idHash: string } }).eraseCustomer.idHash,
        reason: 'GDPR request #1',
        erased_by: 'alice',
        customer_rows: 1,
        rejected_rows: 1,
      },
      { id_hash: expect.any(String), reason: 'GDPR request #3', erased_by: 'alice', customer_rows: 0, rejected_rows: 2 },
    ]);
    expect(JSON.stringify(await service.dataSource.query(`SELECT * FROM erasure_audit`))).not.toMatch(/X1|X3/);

    const features = await readRecords(service.kafka, service.topics.features, 4);
    expect(features.map((r) => [String(r.key), r.value === null ? null : JSON.parse(String(r.value)).features.BALANCE])).toEqual(
      expect.arrayContaining([
        ['X1', 10],
        ['X1', null],
        ['X3', null],
      ]),
    );
    const x1 = features.filter((r) => String(r.key) === 'X1');
    expect(x1.map((r) => r.value === null)).toEqual([false, true]);
    const erased = await readRecords(service.kafka, service.topics.erased, 2);
    expect(
      erased
        .map((r) => parseCustomerErasedEvent(JSON.parse(String(r.value))))
        .map((e) => [e.customerId, e.reason, e.erasedBy])
        .sort(),
    ).toEqual([
      ['X1', 'GDPR request #1', 'alice'],
      ['X3', 'GDPR request #3', 'alice'],
    ]);
  });

  it('should change and announce nothing, and keep the customer out of a file and of raw events sent again, when it was erased before', async () => {
    await service.postCsv(csv(row('Y1', 1)));
    await service.graphql(ERASE, { id: 'Y1', reason: 'first request' });
    const again = await service.graphql(ERASE, { id: 'Y1', reason: 'second request' });
    expect(again.data).toMatchObject({ eraseCustomer: { customerId: 'Y1', erased: false, customerRows: 0, rejectedRows: 0 } });
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM erasure_audit WHERE reason = 'second request'`)).toEqual([
      { n: 0 },
    ]);

    const summary = await service.postCsv(csv(row('Y1', 2), row('Y2', 2), row('Y1x', 'bad')));
    expect(summary.body).toMatchObject({ accepted: 2, inserted: 1, erased: 1, rejected: 1 });
    await service.app.get(KafkaProducer).send(service.topics.raw, [
      {
        key: 'Y1',
        value: { customerId: 'Y1', occurredAt: new Date().toISOString(), features: eventFeatures },
      },
      {
        key: 'Y3',
        value: { customerId: 'Y3', occurredAt: new Date().toISOString(), features: eventFeatures },
      },
    ]);
    const erasedRows = async () => (await service.dataSource.query(`SELECT sum(rows_erased)::int AS n FROM ingest_batches`))[0].n;
    // Y1's and Y3's events may lie in two partitions, handled as two batches.
    await waitFor(async () => (await customers()).includes('Y3') && (await erasedRows()) === 2, 'both raw events handled', 30_000);

    expect((await customers()).filter((id: string) => id.startsWith('Y'))).toEqual(['Y2', 'Y3']);
  });

  it('should refuse an erasure without a reason as bad user input, erasing nothing', async () => {
    await service.postCsv(csv(row('Z1', 1)));
    const refused = await service.graphql(ERASE, { id: 'Z1', reason: '  ' });
    expect(refused.errors?.[0].message).toContain('needs a reason');
    expect(await customers()).toContain('Z1');
  });
});
