import { bool, ConfigError, defineConfig, int, list, str, url, type ConfigOf, type VarSpec } from '@seg/config';
import { gatewaySubgraphSecretSetting } from '@seg/nest';
import { logLevelSetting, metricsPortSetting } from '@seg/observability';
import { join } from 'node:path';
import type { TokenLifetimePolicy } from '../auth/access-token';
import { parseTimeSpan } from '../auth/time-span';
import type { DocumentLimits } from '../limits/document-limits';
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

function timeSpan(options: { description: string; default: number }): VarSpec<number> {
  return {
    ...options,
    kind: 'time span (90s, 30m, 12h, 7d)',
    parse: parseTimeSpan,
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
  GATEWAY_METRICS_PORT: metricsPortSetting(9400),
  GATEWAY_JWT_SECRET: jwtSecret({
    description: 'HS256 key the access tokens are signed with (npm run token uses it too); required in production',
    localDefault: 'local-development-only-jwt-secret-0123456789',
  }),
  GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecretSetting,
  GATEWAY_MAX_TOKEN_TTL: timeSpan({
    description: 'Longest lifetime (exp - iat) of an access token the gateway accepts; npm run token refuses a longer --ttl',
    default: 24 * 3_600,
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
  // The document limits run before validation, whose cost grows with the square of a repeated field.
  GATEWAY_MAX_QUERY_TOKENS: int({ description: 'Most lexical tokens (names, punctuation, values) a query document may have; parsing stops there', default: 2_000, min: 1 }),
  GATEWAY_MAX_DEPTH: int({ description: 'Deepest field nesting an operation may select', default: 12, min: 1 }),
  GATEWAY_MAX_FIELDS: int({ description: 'Most field selections in a document, fragments expanded where spread, repeats and aliases included', default: 1_000, min: 1 }),
  GATEWAY_MAX_ALIASES: int({ description: 'Most aliased fields in a document, fragments expanded', default: 30, min: 0 }),
  GATEWAY_MAX_REPEATED_FIELDS: int({ description: 'Most selections of a field already selected at the same place (same response name and path), fragments expanded', default: 100, min: 0 }),
  GATEWAY_MAX_DIRECTIVES: int({ description: 'Most directives in a document, fragments expanded', default: 50, min: 0 }),
  GATEWAY_MAX_COST: int({
    // The map's pcaPoints(limit: 100000) with four fields costs about 400,000.
    description: 'Largest operation cost: every selected field counts once per parent item, lists multiplied by their first/limit argument',
    default: 1_000_000,
    min: 1,
  }),
  GATEWAY_CORS_ORIGINS: list({ description: 'Browser origins allowed to call the gateway (the web client)', default: ['http://127.0.0.1:8080', 'http://localhost:8080'] }),
  GATEWAY_READY_TIMEOUT_MS: int({ description: 'How long /ready waits for each subgraph', default: 2_000, min: 50 }),
  LOG_LEVEL: logLevelSetting,
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

/** Clocks of token issuers and of the gateway drift apart; an `iat` up to this far ahead is not "in the future". */
const TOKEN_CLOCK_SKEW_SECONDS = 60;

export function tokenLifetimePolicyOf(config: GatewayConfig): TokenLifetimePolicy {
  return { maxTtlSeconds: config.GATEWAY_MAX_TOKEN_TTL, clockSkewSeconds: TOKEN_CLOCK_SKEW_SECONDS };
}

export function documentLimitsOf(config: GatewayConfig): DocumentLimits {
  return {
    maxTokens: config.GATEWAY_MAX_QUERY_TOKENS,
    maxDepth: config.GATEWAY_MAX_DEPTH,
    maxFields: config.GATEWAY_MAX_FIELDS,
    maxAliases: config.GATEWAY_MAX_ALIASES,
    maxRepeatedFields: config.GATEWAY_MAX_REPEATED_FIELDS,
    maxDirectives: config.GATEWAY_MAX_DIRECTIVES,
  };
}
