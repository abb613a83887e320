import { join } from 'node:path';

/** The platform's subgraphs, in port order; a subgraph whose SDL file does not exist yet is left out of the composition. */
export const SUBGRAPHS = [
  { name: 'ingestion', port: 4001, urlVariable: 'INGESTION_URL' },
  { name: 'training', port: 4002, urlVariable: 'TRAINING_URL' },
  { name: 'scoring', port: 4003, urlVariable: 'SCORING_URL' },
  { name: 'offers', port: 4004, urlVariable: 'OFFERS_URL' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SERVICES_DIR = join(__dirname, '..', '..', '..');

/** Where a subgraph prints its SDL at boot (its `*_SCHEMA_FILE` default). */
export function subgraphSchemaFile(name: string): string {
  return join(SERVICES_DIR, name, 'schema.graphql');
}

/** The local address of a subgraph, recorded in the committed supergraph; the gateway's `*_URL` settings override it. */
export function defaultSubgraphUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}
