import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { REQUEST_ID_HEADER } from '@seg/contracts';
import cors from 'cors';
import express from 'express';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SEGMENT_EXPORT_PATH } from '@seg/contracts';
import { Metrics, startMetricsServer } from '@seg/observability';
import { resumeServerSpan, serverSpans } from '@seg/observability/tracing';
import { requireRole } from '../auth/require-role';
import { createTokenVerifier } from '../auth/token-verifier';
import { documentLimitsOf, subgraphUrlsOf, type GatewayConfig } from '../config/gateway.config';
import { segmentExport } from '../export/segment-export.route';
import { subgraphsOfSupergraph } from '../supergraph/compose-supergraph';
import { CSV_UPLOAD_PATH, csvUpload } from '../upload/csv-upload.route';
import { admitOperation } from './admit-operation';
import { authenticate, gatewayContext, type GatewayContext } from './gateway-context';
import { gatewayMetrics } from './gateway-metrics';
import type { AccessUser } from '../auth/access-token';
import { formatGatewayError, gatewayPlugin } from './gateway.plugin';
import { httpErrors, notFound } from './http-errors';
import { checkSubgraphs } from './readiness';
import { jsonLogWriter, requestLogging, type LogWriter } from './request-log';
import { SubgraphDataSource } from './subgraph-data-source';

export interface GatewayServerOptions {
  readonly log?: LogWriter;
  /** Serve this supergraph instead of GATEWAY_SUPERGRAPH_FILE (tests compose one from their own subgraphs). */
  readonly supergraphSdl?: string;
  /** Where the gateway's metrics go (tests read them); a new registry with the default Node metrics otherwise. */
  readonly metrics?: Metrics;
}

export interface RunningGateway {
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string;
  /** The port of GET /metrics (GATEWAY_METRICS_PORT, or the one chosen for 0). */
  readonly metricsPort: number;
  stop(): Promise<void>;
}

/** A GraphQL request is a document of at most GATEWAY_MAX_QUERY_TOKENS tokens and a few variables. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Headers a browser client may send: Apollo's CSRF prevention accepts a JSON POST or one of its preflight headers;
 * a browser that traces sends its W3C trace context, which the gateway continues.
 */
const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', REQUEST_ID_HEADER, 'apollo-require-preflight', 'x-apollo-operation-name', 'traceparent', 'tracestate'];

/** Starts the gateway: supergraph loaded, subgraph URLs from the settings, `/graphql`, `/health` and `/ready` served. */
export async function startGatewayServer(config: GatewayConfig, options: GatewayServerOptions = {}): Promise<RunningGateway> {
  const log = options.log ?? jsonLogWriter;
  const supergraphSdl = options.supergraphSdl ?? readFileSync(config.GATEWAY_SUPERGRAPH_FILE, 'utf8');
  const urls = subgraphUrlsOf(config);
  const metrics = options.metrics ?? new Metrics();
  const observed = gatewayMetrics(metrics);
  const subgraphs = subgraphsOfSupergraph(supergraphSdl).map((subgraph) => ({ name: subgraph.name, url: urls[subgraph.name] ?? subgraph.url }));
  const gateway = new ApolloGateway({
    // Development only (refused in production by the configuration): the running subgraphs' current schemas.
    supergraphSdl: config.GATEWAY_DEV_INTROSPECT ? new IntrospectAndCompose({ subgraphs }) : supergraphSdl,
    buildService: ({ name, url }) => observed.timed(name, new SubgraphDataSource(urls[name] ?? url ?? '', config.GATEWAY_SUBGRAPH_SECRET)),
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  // Node ends a request still being received after 5 minutes; a large CSV upload takes longer, so the limit is
  // lifted (as ingestion does) and the upload route ends an idle one itself. headersTimeout still applies.
  httpServer.requestTimeout = 0;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError,
    // Every document passes the admission first; automatic persisted queries would let a hash stand for one.
    persistedQueries: false,
    plugins: [
      gatewayPlugin({ maxCost: config.GATEWAY_MAX_COST }, log),
      observed.plugin,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();
  // A provider that cannot be reached yet does not stop the start: /ready says so and the keys are fetched again.
  const verifier = createTokenVerifier(config);
  await verifier.start();

  // First: the request's span, its context for every middleware after (decision 0022).
  app.use(serverSpans({ unreadBody: 'leave' }));
  app.use(requestLogging(log));
  app.use(observed.middleware);
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/ready', async (_request, response) => {
    const [readiness, identityProvider] = await Promise.all([
      checkSubgraphs(subgraphs, config.GATEWAY_SUBGRAPH_SECRET, config.GATEWAY_READY_TIMEOUT_MS),
      verifier.identityProvider(),
    ]);
    // A provider that is down while its keys are cached leaves the gateway ready: tokens still verify.
    const ready = readiness.ready && (identityProvider?.usable ?? true);
    response.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      subgraphs: readiness.subgraphs,
      ...(identityProvider ? { identityProvider: identityProvider.state } : {}),
    });
  });
  // The export's file name is in content-disposition, which a browser script may read only when exposed.
  const withCors = cors({ origin: config.GATEWAY_CORS_ORIGINS, allowedHeaders: CORS_ALLOWED_HEADERS, exposedHeaders: [REQUEST_ID_HEADER, 'content-disposition'], maxAge: 600 });
  // One token check (local or OIDC) for every authenticated route.
  const authenticated = authenticate(verifier);
  // The caller as the gateway sees it (subject, name, role): the web client shows it and hides what the role cannot do.
  // CORS on the whole path: the browser's preflight (OPTIONS) comes first.
  app.use('/me', withCors);
  app.get('/me', authenticated, (_request, response) => {
    const { sub, name, role } = response.locals.user as AccessUser;
    response.json({ sub, name, role });
  });
  // Each step is cheaper than the next and refuses before it: the token before the body is read, the document
  // limits (admitOperation) before Apollo's validation, whose cost grows with the square of a repeated field.
  app.use(
    '/graphql',
    withCors,
    authenticated,
    express.json({ limit: MAX_BODY_BYTES }),
    resumeServerSpan(),
    admitOperation(documentLimitsOf(config)),
    expressMiddleware(server, { context: gatewayContext }),
  );
  // The CSV body is streamed to ingestion unread: no body parser on this path.
  app.use(CSV_UPLOAD_PATH, withCors);
  app.post(
    CSV_UPLOAD_PATH,
    authenticated,
    requireRole('admin', 'uploading customers'),
    csvUpload({ ingestionUrl: config.INGESTION_URL, subgraphSecret: config.GATEWAY_SUBGRAPH_SECRET, maxBytes: config.GATEWAY_MAX_UPLOAD_BYTES, log }),
  );
  app.use(SEGMENT_EXPORT_PATH, withCors);
  app.get(
    SEGMENT_EXPORT_PATH,
    authenticated,
    requireRole('analyst', 'exporting segment members'),
    segmentExport({ scoringUrl: config.SCORING_URL, subgraphSecret: config.GATEWAY_SUBGRAPH_SECRET, log }),
  );
  app.use(notFound);
  app.use(httpErrors(log, MAX_BODY_BYTES));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.GATEWAY_PORT, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  // Its own port: the Ingress routes only the gateway's API port.
  const metricsServer = await startMetricsServer(metrics, config.GATEWAY_METRICS_PORT);
  return {
    url: `http://127.0.0.1:${port}`,
    metricsPort: metricsServer.port,
    stop: async () => {
      verifier.stop();
      await server.stop();
      await metricsServer.close();
    },
  };
}
