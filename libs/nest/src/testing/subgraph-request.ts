import { GATEWAY_SECRET_HEADER } from '@seg/contracts';

/**
 * POSTs a GraphQL request to a subgraph (`baseUrl` without /graphql) the way the gateway does, with the shared
 * secret, and returns the parsed answer whatever its status.
 */
export async function postSubgraphGraphql<T>(
  baseUrl: string,
  secret: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: secret, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as T;
}
