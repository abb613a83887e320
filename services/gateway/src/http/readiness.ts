import { GATEWAY_SECRET_HEADER } from '@seg/contracts';
import type { SubgraphEndpoint } from '../supergraph/compose-supergraph';

export interface Readiness {
  readonly ready: boolean;
  /** `up`, or `down: <why>` per subgraph. */
  readonly subgraphs: Record<string, string>;
}

async function probe(subgraph: SubgraphEndpoint, secret: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: secret },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return `down: HTTP ${response.status}`;
    const body = (await response.json()) as { data?: { __typename?: string } };
    return body.data?.__typename ? 'up' : 'down: no data in the answer';
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return `down: ${cause ?? (error instanceof Error ? error.message : String(error))}`;
  }
}

/** Every subgraph answers `{ __typename }` (through its secret check) within the timeout. */
export async function checkSubgraphs(subgraphs: readonly SubgraphEndpoint[], secret: string, timeoutMs: number): Promise<Readiness> {
  const states = await Promise.all(subgraphs.map(async (subgraph) => [subgraph.name, await probe(subgraph, secret, timeoutMs)] as const));
  return { ready: states.every(([, state]) => state === 'up'), subgraphs: Object.fromEntries(states) };
}
