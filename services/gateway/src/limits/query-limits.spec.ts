import { buildSchema, parse } from 'graphql';
import { assertWithinLimits, measureOperation, QueryLimitError } from './query-limits';

const schema = buildSchema(`
  type Query { customers(first: Int! = 50, after: String): CustomerConnection! pcaPoints(limit: Int): [Point!]! offers: [Offer!]! }
  type CustomerConnection { totalCount: Int! nodes: [Customer!]! }
  type Customer { id: ID! segment: Assignment friends(first: Int): [Customer!]! }
  type Assignment { segment: Segment! }
  type Segment { id: ID! offer: Offer }
  type Offer { title: String! }
  type Point { x: Float! y: Float! }
`);

const measure = (source: string, variables?: Record<string, unknown>, operationName?: string) => measureOperation(schema, parse(source), operationName, variables);

describe('measureOperation', () => {
  it('should count nesting levels through fragments when measuring depth', () => {
    const source = `{ customers(first: 1) { ...Node } } fragment Node on CustomerConnection { nodes { ... on Customer { segment { segment { id } } } } }`;

    expect(measure(source).depth).toBe(5);
    expect(measure(`{ offers { title } }`).depth).toBe(2);
  });

  it('should multiply by page sizes from literals, variables, operation defaults and schema defaults when measuring cost', () => {
    // customers once, then everything under it once per page item.
    expect(measure(`{ customers(first: 10) { nodes { id } } }`).cost).toBe(1 + 10 + 10);
    expect(measure(`query ($n: Int!) { customers(first: $n) { totalCount nodes { id } } }`, { n: 500 }).cost).toBe(1 + 3 * 500);
    expect(measure(`query ($n: Int! = 7) { pcaPoints(limit: $n) { x y } }`).cost).toBe(1 + 14);
    expect(measure(`{ customers { nodes { id } } }`).cost).toBe(1 + 50 + 50);
  });

  it('should multiply nested page sizes when lists are nested', () => {
    expect(measure(`{ customers(first: 100) { nodes { friends(first: 100) { id } } } }`).cost).toBe(1 + 100 + 100 + 100 * 100);
  });

  it('should leave introspection and __typename out when measuring', () => {
    const introspection = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } offers { __typename title } }`;

    expect(measure(introspection)).toEqual({ depth: 2, cost: 2 });
  });

  it('should measure only the operation named when the document holds several', () => {
    expect(measure(`query A { offers { title } } query B { pcaPoints(limit: 1000) { x } }`, undefined, 'B')).toEqual({ depth: 2, cost: 1001 });
  });
});

describe('assertWithinLimits', () => {
  const limits = { maxDepth: 4, maxCost: 1000 };

  it('should accept an operation at the limits', () => {
    expect(() => assertWithinLimits({ depth: 4, cost: 1000 }, limits)).not.toThrow();
  });

  it('should refuse with QUERY_TOO_DEEP when the operation nests deeper than the limit', () => {
    const refusal = () => assertWithinLimits({ depth: 5, cost: 10 }, limits);

    expect(refusal).toThrow(new QueryLimitError('QUERY_TOO_DEEP', 'Query is 5 levels deep; the limit is 4'));
    expect(refusal).toThrow(expect.objectContaining({ code: 'QUERY_TOO_DEEP' }));
  });

  it('should refuse with QUERY_TOO_COSTLY when the operation costs more than the limit', () => {
    expect(() => assertWithinLimits({ depth: 2, cost: 1001 }, limits)).toThrow(expect.objectContaining({ code: 'QUERY_TOO_COSTLY', message: expect.stringContaining('costs 1001') }));
  });
});
