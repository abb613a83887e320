import { defineConfig, loadConfigParts, int, str, type ConfigOf } from '@seg/config';
import { dbConfigFromEnv, type DbConnection } from '@seg/db';
import { gatewaySubgraphSecretSetting } from '@seg/nest';
import { logLevelSetting, metricsPortSetting } from '@seg/observability';
import { join } from 'node:path';

const SERVICE = 'offers';

export const offersConfigSpec = defineConfig(SERVICE, {
  OFFERS_PORT: int({ description: 'HTTP port of the subgraph and /health', default: 4004, min: 1, max: 65_535 }),
  OFFERS_METRICS_PORT: metricsPortSetting(9404),
  OFFERS_DB_SCHEMA: str({ description: 'PostgreSQL schema owned by the service (tests use a throwaway one)', default: 'offers' }),
  OFFERS_SCHEMA_FILE: str({
    description: 'Where the subgraph SDL is printed at boot for the gateway composition; "-" prints nothing',
    default: join(__dirname, '..', '..', 'schema.graphql'),
  }),
  GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecretSetting,
  LOG_LEVEL: logLevelSetting,
});

export type OffersSettings = ConfigOf<typeof offersConfigSpec.spec>;

export interface OffersConfig {
  readonly settings: OffersSettings;
  readonly db: DbConnection;
}

export const OFFERS_CONFIG = Symbol('OFFERS_CONFIG');

/** Loads the service's own variables and the database settings, and refuses with every bad variable of both at once. */
export function loadOffersConfig(env: NodeJS.ProcessEnv = process.env): OffersConfig {
  return loadConfigParts(SERVICE, {
    settings: () => offersConfigSpec.load(env),
    db: () => dbConfigFromEnv(env),
  });
}
