import type { ApolloServerPlugin } from '@apollo/server';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { BoundedLabel, DURATION_BUCKETS, type Metrics } from '@seg/observability';
import type { RequestHandler } from 'express';
import type { GatewayContext } from './gateway-context';

/** Operation names a client chooses: the first 100 distinct ones get their own series, later ones count as `other`. */
const OPERATION_NAMES = 100;
const QUERY_LIMIT_CODES = new Set(['QUERY_TOO_LARGE', 'QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY']);

type Outcome = 'ok' | 'refused' | 'client_error' | 'server_error';

/** What Apollo saw of a request, kept by request id until its response is finished. */
interface SeenByApollo {
  operation?: string;
  codes: string[];
}

export interface GatewayMetrics {
  /** Counts and times every /graphql request once its response is sent, refusals before Apollo included. */
  readonly middleware: RequestHandler;
  /** Tells the middleware the operation's name and its error codes. */
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /** Times the data source's calls to its subgraph. */
  timed<S extends RemoteGraphQLDataSource<GatewayContext>>(subgraph: string, source: S): S;
}

/**
 * The gateway's metrics: requests by operation and outcome with their duration, subgraph fetch durations, auth
 * refusals by reason and query-limit refusals by code. Never labelled by caller.
 */
export function gatewayMetrics(metrics: Metrics): GatewayMetrics {
  const requests = metrics.counter('seg_gateway_requests_total', 'GraphQL requests by operation name and outcome (ok, refused, client_error, server_error)', ['operation', 'outcome']);
  const duration = metrics.histogram('seg_gateway_request_duration_seconds', 'Time from a GraphQL request to its response, by operation name', DURATION_BUCKETS, ['operation']);
  const fetches = metrics.histogram('seg_gateway_subgraph_fetch_duration_seconds', 'Time of the calls to each subgraph, by outcome', DURATION_BUCKETS, ['subgraph', 'outcome']);
  const authRefusals = metrics.counter('seg_gateway_auth_refusals_total', 'Requests refused for their token: missing_token, invalid_token (401) or forbidden (403, role too low)', ['reason']);
  const limitRefusals = metrics.counter('seg_gateway_query_limit_refusals_total', 'Requests refused by a query limit, by code (QUERY_TOO_LARGE, QUERY_TOO_DEEP, QUERY_TOO_COSTLY)', ['code']);
  const operations = new BoundedLabel(OPERATION_NAMES);
  const seen = new Map<string, SeenByApollo>();

  const classify = (status: number, refusal: string | undefined, codes: readonly string[]): Outcome => {
    if (status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) return 'server_error';
    if (refusal !== undefined || codes.some((code) => code === 'FORBIDDEN' || QUERY_LIMIT_CODES.has(code))) return 'refused';
    if (status >= 400 || codes.length > 0) return 'client_error';
    return 'ok';
  };

  const middleware: RequestHandler = (request, response, next) => {
    if (request.path !== '/graphql') return next();
    const started = performance.now();
    response.once('close', () => {
      const requestId = response.locals.requestId as string | undefined;
      const apollo = (requestId && seen.get(requestId)) || { codes: [] };
      if (requestId) seen.delete(requestId);
      const refusal = response.locals.refusal as string | undefined;
      const bodyName = typeof request.body?.operationName === 'string' ? request.body.operationName : undefined;
      const operation = operations.of(apollo.operation ?? bodyName);
      const codes = refusal === undefined ? apollo.codes : [refusal];
      requests.inc({ operation, outcome: classify(response.statusCode, refusal, codes) });
      duration.observe({ operation }, (performance.now() - started) / 1_000);
      if (codes.includes('UNAUTHENTICATED')) authRefusals.inc({ reason: request.headers.authorization === undefined ? 'missing_token' : 'invalid_token' });
      if (codes.includes('FORBIDDEN')) authRefusals.inc({ reason: 'forbidden' });
      for (const code of codes) if (QUERY_LIMIT_CODES.has(code)) limitRefusals.inc({ code });
    });
    next();
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      const record: SeenByApollo = { codes: [] };
      if (contextValue.requestId) seen.set(contextValue.requestId, record);
      return {
        async didResolveOperation({ operation, request }) {
          record.operation = request.operationName ?? operation?.name?.value;
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) record.codes.push(typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR');
        },
      };
    },
  };

  return {
    middleware,
    plugin,
    timed: (subgraph, source) => {
      const process = source.process.bind(source);
      source.process = async (options) => {
        const started = performance.now();
        let outcome = 'error';
        try {
          const response = await process(options);
          outcome = response.errors?.length ? 'graphql_error' : 'ok';
          return response;
        } finally {
          fetches.observe({ subgraph, outcome }, (performance.now() - started) / 1_000);
        }
      };
      return source;
    },
  };
}
