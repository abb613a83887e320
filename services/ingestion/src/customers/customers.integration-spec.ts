import { FEATURE_NAMES } from '@seg/ml';
import { startIngestionTestApp, type IngestionTestApp } from '../testing/ingestion-test-app';
import { CustomersResolver } from './customers.resolver';

jest.setTimeout(120_000);

const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
const row = (id: string, balance: number) =>
  [id, String(balance), ...FEATURE_NAMES.slice(1).map((name) => (name === 'TENURE' ? '12' : name === 'MINIMUM_PAYMENTS' ? '' : '1'))].join(',');

interface Page {
  customers: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; edges: { cursor: string; node: { id: string } }[] };
}

describe(CustomersResolver.name, () => {
  let service: IngestionTestApp;
  const page = async (first: number, after: string | null) =>
    service.graphql<Page>(
      `query ($first: Int!, $after: String) { customers(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } edges { cursor node { id } } } }`,
      { first, after },
    );

  beforeAll(async () => {
    service = await startIngestionTestApp();
    const response = await service.postCsv(`${[HEADER, ...[5, 3, 1, 4, 2].map((n) => row(`G${n}`, n * 10))].join('\n')}\n`);
    expect(response.body).toMatchObject({ inserted: 5 });
  });

  afterAll(() => service?.close());

  it('should return the customer with its features and null for a missing one when it is asked for by id', async () => {
    const { data, errors } = await service.graphql(`{ customer(id: "G3") { id source updatedAt features { balance minimumPayments tenure } } missing: customer(id: "nope") { id } }`);

    expect(errors).toBeUndefined();
    expect(data).toEqual({
      customer: { id: 'G3', source: 'csv', updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), features: { balance: 30, minimumPayments: null, tenure: 12 } },
      missing: null,
    });
  });

  it('should walk every customer once in id order when pages are followed by their cursors', async () => {
    const first = await page(2, null);
    const second = await page(2, first.data?.customers.pageInfo.endCursor ?? null);
    const last = await page(2, second.data?.customers.pageInfo.endCursor ?? null);

    const ids = [first, second, last].map((p) => p.data?.customers.edges.map((e) => e.node.id));
    expect(ids).toEqual([['G1', 'G2'], ['G3', 'G4'], ['G5']]);
    expect([first, second, last].map((p) => p.data?.customers.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(first.data?.customers.totalCount).toBe(5);
    expect(last.data?.customers.pageInfo.endCursor).toBe(last.data?.customers.edges[0].cursor);
  });

  it('should refuse a page size above 500 and a forged cursor with a message when they are sent', async () => {
    expect((await page(501, null)).errors?.[0].message).toMatch(/first: 501\) is out of range/);
    expect((await page(2, 'not-a-cursor')).errors?.[0].message).toMatch(/Invalid customers cursor/);
  });

  it('should resolve Customer references for the gateway and null for an unknown id when _entities is queried', async () => {
    const { data, errors } = await service.graphql(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { id features { balance } } } }`,
      { representations: [{ __typename: 'Customer', id: 'G2' }, { __typename: 'Customer', id: 'G9' }, { __typename: 'Customer', id: 'G4' }] },
    );

    expect(errors).toBeUndefined();
    expect(data).toEqual({ _entities: [{ id: 'G2', features: { balance: 20 } }, null, { id: 'G4', features: { balance: 40 } }] });
  });
});
