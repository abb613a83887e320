import './instrumentation';
import { loadConfigOrExit } from '@seg/config';
import { createLogger } from '@seg/observability';
import { stopTracing } from '@seg/observability/tracing';
import { loadGatewayConfig, redactGatewayConfig } from './config/gateway.config';
import { startGatewayServer } from './http/gateway-server';
import { jsonLogWriter, pinoLogWriter } from './http/request-log';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(loadGatewayConfig);
  const log = pinoLogWriter(createLogger('gateway', { level: config.LOG_LEVEL }));
  log({ level: 'info', msg: 'configuration', ...redactGatewayConfig(config) });
  const gateway = await startGatewayServer(config, { log });
  log({ level: 'info', msg: `listening on port ${config.GATEWAY_PORT} (GraphQL /graphql, GET /health, GET /ready), metrics on port ${gateway.metricsPort} (GET /metrics)` });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // In-flight requests finish (the drain plugin) before the process exits.
      gateway
        .stop()
        .then(stopTracing)
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  }
}

bootstrap().catch((error: unknown) => {
  jsonLogWriter({
    level: 'error',
    msg: `gateway failed to start: ${error instanceof Error ? error.message : String(error)}. Check the supergraph (npm run compose) and, with GATEWAY_DEV_INTROSPECT, that the subgraphs are up (npm run services -- status).`,
  });
  process.exit(1);
});
