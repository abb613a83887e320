import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';

const supergraph = Supergraph.build(readFileSync(join(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'));
const planner = new QueryPlanner(supergraph);

/** The subgraph requests of a plan, in order: each Fetch is one HTTP call, however many entities it carries. */
function fetchesOf(node: QueryPlan['node']): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Flatten':
      return fetchesOf(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchesOf);
    default:
      throw new Error(`unexpected plan node ${node.kind}`);
  }
}

const plan = (query: string) => fetchesOf(planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))).node);

describe('the query plan of the committed supergraph', () => {
  // With the subgraphs' DataLoaders (one query per _entities batch, tested in scoring and offers), a bounded
  // number of fetches means a bounded number of database round trips too.
  it('should make one request per subgraph for customers with segment and offer, whatever first is', () => {
    const query = (first: number) => `{ customers(first: ${first}) { edges { node { id segment { segment { offer { title } } } } } } }`;

    expect(plan(query(5))).toEqual(['ingestion', 'scoring', 'offers']);
    expect(plan(query(500))).toEqual(['ingestion', 'scoring', 'offers']);
  });

  it('should resolve one customer across three subgraphs in three requests', () => {
    expect(plan('{ customer(id: "C10001") { features { balance } segment { segment { id offer { title } } pca { x y } } } }')).toEqual([
      'ingestion',
      'scoring',
      'offers',
    ]);
  });
});
