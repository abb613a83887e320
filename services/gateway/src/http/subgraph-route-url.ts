import type { Request } from 'express';

/**
 * A subgraph's REST route beside its GraphQL endpoint (`http://host:4001/graphql` → `http://host:4001/<path>`; a path
 * prefix, if any, kept), with only the `forwarded` query parameters the client gave as single strings.
 */
export function subgraphRouteUrl(graphqlUrl: string, path: string, query: Request['query'], forwarded: readonly string[]): URL {
  const url = new URL(path.replace(/^\//, ''), graphqlUrl);
  for (const name of forwarded) {
    const value = query[name];
    if (typeof value === 'string') url.searchParams.set(name, value);
  }
  return url;
}
