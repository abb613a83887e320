import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import fetch, { Headers, type RequestInit } from 'node-fetch';
import { inClientSpan } from '@seg/observability/tracing';
import {
  encodeUserName, GATEWAY_SECRET_HEADER, GATEWAY_SUBGRAPH_IDLE_TIMEOUT_MS, REQUEST_ID_HEADER, USER_ID_HEADER, USER_NAME_HEADER, USER_ROLE_HEADER,
} from '@seg/contracts';
import type { GatewayContext } from './gateway-context';

/**
 * node-fetch on keep-alive agents. Apollo's default, make-fetch-happen, builds an Error and its stack trace
 * on every request to tell http from https (agent-base), and Node's own fetch pays for web streams: each took
 * about a quarter of the gateway's CPU under load (CPU profiles of bench:gateway). An idle connection is closed
 * here after GATEWAY_SUBGRAPH_IDLE_TIMEOUT_MS, long before the subgraph would close it: a request sent on a connection
 * the subgraph is closing fails with "socket hang up" (a request in progress is not cut by this timeout).
 */
const keepAlive = { keepAlive: true, timeout: GATEWAY_SUBGRAPH_IDLE_TIMEOUT_MS };
const agents = { http: new HttpAgent(keepAlive), https: new HttpsAgent(keepAlive) };
const agent = (target: URL) => (target.protocol === 'https:' ? agents.https : agents.http);
/** Each call in a CLIENT span (Apollo's fetch span its parent), the trace context added to the headers Apollo built. */
const subgraphFetch = (url: string, init: RequestInit = {}) => {
  const headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
  return inClientSpan('POST', url, headers, () => fetch(url, { ...init, headers, agent }), (response) => response.status);
};

/**
 * A subgraph call: the shared secret always (health checks and dev introspection included), and for an
 * operation the request id and the verified caller. Client headers are never copied, so a caller cannot
 * pose as another user.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly subgraphSecret: string,
  ) {
    super({ url, fetcher: subgraphFetch });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(GATEWAY_SECRET_HEADER, this.subgraphSecret);
    const { requestId, user } = context as Partial<GatewayContext>;
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    if (user) {
      headers.set(USER_ID_HEADER, user.sub);
      headers.set(USER_NAME_HEADER, encodeUserName(user.name));
      headers.set(USER_ROLE_HEADER, user.role);
    }
  }
}
