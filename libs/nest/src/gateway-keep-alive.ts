import type { INestApplication } from '@nestjs/common';
import { SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS } from '@seg/contracts';
import type { Server } from 'node:http';

/**
 * Keeps idle connections open longer than the gateway does (SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS, not Node's 5 s), so the
 * gateway closes them and never sends a request on one the subgraph is closing (see @seg/contracts' keep-alive).
 */
export function useGatewayKeepAlive<T extends INestApplication>(app: T): T {
  (app.getHttpServer() as Server).keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS;
  return app;
}
