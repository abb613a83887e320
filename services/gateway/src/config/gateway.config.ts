import { bool, ConfigError, defineConfig, int, list, str, url, type ConfigOf, type VarSpec } from '@seg/config';
import { join } from 'node:path';
import { defaultSubgraphUrl, SUBGRAPHS } from '../supergraph/subgraphs';

const SERVICE = 'gateway';
/** HS256 signs with a key of at least 256 bits (RFC 7518 §3.2). */
const MIN_JWT_SECRET_LENGTH = 32;

function jwtSecret(options: { description: string; localDefault: string }): VarSpec<string> {
  return {
    ...options,
    secret: true,
    kind: `string of ≥ ${MIN_JWT_SECRET_LENGTH} characters`,
    parse: (raw) => {
      if (raw.length < MIN_JWT_SECRET_LENGTH) throw new Error(`must be at least ${MIN_JWT_SECRET_LENGTH} characters (HS256 needs a 256-bit key), got ${raw.length}`);
      return raw;
    },
  };
}

const subgraphUrls = Object.fromEntries(
  SUBGRAPHS.map((subgraph) => [
    subgraph.urlVariable,
    url({ description: `GraphQL endpoint of the ${subgraph.name} subgraph (overrides the supergraph's)`, default: defaultSubgraphUrl(subgraph.port), protocols: ['http', 'https'] }),
  ]),
) as Record<(typeof SUBGRAPHS)[number]['urlVariable'], VarSpec<string>>;

export const gatewayConfigSpec = defineConfig(SERVICE, {
  GATEWAY_PORT: int({ description: 'HTTP port of /graphql, /health and /ready', default: 4000, min: 0, max: 65_535 }),
  GATEWAY_JWT_SECRET: jwtSecret({
    description: 'HS256 key the access tokens are signed with (npm run token uses it too); required in production',
    localDefault: 'local-development-only-jwt-secret-0123456789',
  }),
  GATEWAY_SUBGRAPH_SECRET: str({
    description: 'Shared secret sent to the subgraphs in x-gateway-secret (they answer only requests carrying it when they have it set); required in production',
    localDefault: 'local-development-only-subgraph-secret',
    secret: true,
  }),
  ...subgraphUrls,
  GATEWAY_SUPERGRAPH_FILE: str({
    description: 'The supergraph composed by `npm run compose`, served as is',
    default: join(__dirname, '..', '..', 'supergraph.graphql'),
  }),
  GATEWAY_DEV_INTROSPECT: bool({
    description: 'Development only: compose at start-up from the running subgraphs instead of the supergraph file (refused in production)',
    default: false,
  }),
  GATEWAY_MAX_DEPTH: int({ description: 'Deepest field nesting an operation may select', default: 12, min: 1 }),
  GATEWAY_MAX_COST: int({
    // The map's pcaPoints(limit: 100000) with four fields costs about 400,000.
    description: 'Largest operation cost: every selected field counts once per parent item, lists multiplied by their first/limit argument',
    default: 1_000_000,
    min: 1,
  }),
  GATEWAY_CORS_ORIGINS: list({ description: 'Browser origins allowed to call the gateway (the web client)', default: ['http://127.0.0.1:8080', 'http://localhost:8080'] }),
  GATEWAY_READY_TIMEOUT_MS: int({ description: 'How long /ready waits for each subgraph', default: 2_000, min: 50 }),
});

export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec.spec>;

/** Loads the settings; in production the secrets have no default and development-only introspection is refused. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = gatewayConfigSpec.load(env);
  if (env.NODE_ENV === 'production' && config.GATEWAY_DEV_INTROSPECT) {
    throw new ConfigError(SERVICE, ['GATEWAY_DEV_INTROSPECT is for development only and refused when NODE_ENV=production: serve the composed supergraph']);
  }
  return config;
}

/** The subgraph URLs from the settings, by subgraph name. */
export function subgraphUrlsOf(config: GatewayConfig): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, config[subgraph.urlVariable]]));
}
