import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphUrlsOf, type GatewayConfig } from '../config/gateway.config';
import { subgraphsOfSupergraph } from '../supergraph/compose-supergraph';
import { gatewayContext, type GatewayContext } from './gateway-context';
import { formatGatewayError, gatewayPlugin } from './gateway.plugin';
import { checkSubgraphs } from './readiness';
import { jsonLogWriter, REQUEST_ID_HEADER, requestLogging, type LogWriter } from './request-log';
import { SubgraphDataSource } from './subgraph-data-source';

export interface GatewayServerOptions {
  readonly log?: LogWriter;
  /** Serve this supergraph instead of GATEWAY_SUPERGRAPH_FILE (tests compose one from their own subgraphs). */
  readonly supergraphSdl?: string;
}

export interface RunningGateway {
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string;
  stop(): Promise<void>;
}

/** Headers a browser client may send: Apollo's CSRF prevention accepts a JSON POST or one of its preflight headers. */
const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', REQUEST_ID_HEADER, 'apollo-require-preflight', 'x-apollo-operation-name'];

/** Starts the gateway: supergraph loaded, subgraph URLs from the settings, `/graphql`, `/health` and `/ready` served. */
export async function startGatewayServer(config: GatewayConfig, options: GatewayServerOptions = {}): Promise<RunningGateway> {
  const log = options.log ?? jsonLogWriter;
  const supergraphSdl = options.supergraphSdl ?? readFileSync(config.GATEWAY_SUPERGRAPH_FILE, 'utf8');
  const urls = subgraphUrlsOf(config);
  const subgraphs = subgraphsOfSupergraph(supergraphSdl).map((subgraph) => ({ name: subgraph.name, url: urls[subgraph.name] ?? subgraph.url }));
  const gateway = new ApolloGateway({
    // Development only (refused in production by the configuration): the running subgraphs' current schemas.
    supergraphSdl: config.GATEWAY_DEV_INTROSPECT ? new IntrospectAndCompose({ subgraphs }) : supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(urls[name] ?? url ?? '', config.GATEWAY_SUBGRAPH_SECRET),
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError,
    plugins: [
      gatewayPlugin({ maxDepth: config.GATEWAY_MAX_DEPTH, maxCost: config.GATEWAY_MAX_COST }, log),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();

  app.use(requestLogging(log));
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/ready', async (_request, response) => {
    const readiness = await checkSubgraphs(subgraphs, config.GATEWAY_SUBGRAPH_SECRET, config.GATEWAY_READY_TIMEOUT_MS);
    response.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'unavailable', subgraphs: readiness.subgraphs });
  });
  app.use(
    '/graphql',
    cors({ origin: config.GATEWAY_CORS_ORIGINS, allowedHeaders: CORS_ALLOWED_HEADERS, exposedHeaders: [REQUEST_ID_HEADER], maxAge: 600 }),
    express.json({ limit: '1mb' }),
    expressMiddleware(server, { context: gatewayContext(config.GATEWAY_JWT_SECRET) }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.GATEWAY_PORT, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}
