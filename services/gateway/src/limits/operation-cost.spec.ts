import { buildSchema, parse } from 'graphql';
import { assertWithinCost, operationCost } from './operation-cost';
import { QueryLimitError } from './query-limit.error';

const schema = buildSchema(`
  type Query { customers(first: Int! = 50, after: String): CustomerConnection! pcaPoints(limit: Int): [Point!]! offers: [Offer!]! }
  type CustomerConnection { totalCount: Int! nodes: [Customer!]! }
  type Customer { id: ID! segment: Assignment friends(first: Int): [Customer!]! }
  type Assignment { segment: Segment! }
  type Segment { id: ID! offer: Offer }
  type Offer { title: String! }
  type Point { x: Float! y: Float! }
`);

const cost = (source: string, variables?: Record<string, unknown>, operationName?: string) => operationCost(schema, parse(source), operationName, variables);

/** `fragment F0 on Query { ...F1 ...F1 }` … `fragment F<n> on Query { offers { title } }`: 2^n expansions. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `{ ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { offers { title } }`;
}

describe('operationCost', () => {
  it('should multiply by page sizes from literals, variables, operation defaults and schema defaults', () => {
    // customers once, then everything under it once per page item.
    expect(cost(`{ customers(first: 10) { nodes { id } } }`)).toBe(1 + 10 + 10);
    expect(cost(`query ($n: Int!) { customers(first: $n) { totalCount nodes { id } } }`, { n: 500 })).toBe(1 + 3 * 500);
    expect(cost(`query ($n: Int! = 7) { pcaPoints(limit: $n) { x y } }`)).toBe(1 + 14);
    expect(cost(`{ customers { nodes { id } } }`)).toBe(1 + 50 + 50);
  });

  it('should multiply nested page sizes when lists are nested', () => {
    expect(cost(`{ customers(first: 100) { nodes { friends(first: 100) { id } } } }`)).toBe(1 + 100 + 100 + 100 * 100);
  });

  it('should count fields through fragments and inline fragments once per use, with the fragment’s page sizes', () => {
    const source = `{ customers(first: 10) { ...Nodes ...Nodes } } fragment Nodes on CustomerConnection { nodes { ... on Customer { id segment { segment { id } } } } }`;

    expect(cost(source)).toBe(1 + 2 * (10 + 10 * (1 + 1 + 1 + 1)));
  });

  it('should count every repeat and alias of a field', () => {
    expect(cost(`{ offers { title title title } }`)).toBe(4);
    expect(cost(`{ a: offers { title } b: offers { t: title } }`)).toBe(4);
  });

  it('should leave introspection and __typename out', () => {
    const introspection = `{ __schema { types { fields { type { ofType { ofType { name } } } } } } offers { __typename title } }`;

    expect(cost(introspection)).toBe(2);
  });

  it('should cost only the operation named when the document holds several', () => {
    expect(cost(`query A { offers { title } } query B { pcaPoints(limit: 1000) { x } }`, undefined, 'B')).toBe(1001);
  });

  it('should cost a fragment that doubles at each of 60 levels in one pass, as 2^60 fields', () => {
    // Expanded one use at a time, 2^60 walks would never end; each fragment's cost is computed once.
    expect(cost(fragmentBomb(60))).toBe(2 ** 61);
  });
});

describe('assertWithinCost', () => {
  it('should accept an operation at the limit', () => {
    expect(() => assertWithinCost(1000, 1000)).not.toThrow();
  });

  it('should refuse with QUERY_TOO_COSTLY naming the cost and the limit when the operation costs more', () => {
    expect(() => assertWithinCost(1001, 1000)).toThrow(new QueryLimitError('QUERY_TOO_COSTLY', 'Query costs 1001 (fields × page sizes of first/limit); the limit is 1000'));
    expect(() => assertWithinCost(1001, 1000)).toThrow(expect.objectContaining({ code: 'QUERY_TOO_COSTLY' }));
  });
});
