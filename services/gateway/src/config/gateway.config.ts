import { bool, ConfigError, defineConfig, int, list, loadConfigParts, oneOf, str, url, type ConfigOf, type VarSpec } from '@seg/config';
import { gatewaySubgraphSecretSetting } from '@seg/nest';
import { logLevelSetting, metricsPortSetting } from '@seg/observability';
import { join } from 'node:path';
import type { TokenLifetimePolicy } from '../auth/access-token';
import { OIDC_ALGORITHMS } from '../auth/oidc/oidc-token-verifier';
import type { RoleMapping } from '../auth/oidc/role-claims';
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

export const AUTH_MODES = ['local', 'oidc'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const gatewayConfigSpec = defineConfig(SERVICE, {
  GATEWAY_PORT: int({ description: 'HTTP port of /graphql, /health and /ready', default: 4000, min: 0, max: 65_535 }),
  GATEWAY_METRICS_PORT: metricsPortSetting(9400),
  AUTH_MODE: oneOf(AUTH_MODES, {
    description: 'Who issues the access tokens: local (HS256 tokens of npm run token, for development) or oidc (the organisation\'s OpenID Connect provider)',
    default: 'local',
  }),
  GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecretSetting,
  GATEWAY_MAX_TOKEN_TTL: timeSpan({
    description: 'Longest lifetime (exp - iat) of an access token the gateway accepts, whoever issued it; npm run token refuses a longer --ttl',
    default: 24 * 3_600,
  }),
  GATEWAY_CLOCK_SKEW: timeSpan({
    description: "How far the token issuer's clock may be off: exp, nbf and iat are checked with this tolerance",
    default: 60,
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
  GATEWAY_MAX_UPLOAD_BYTES: int({
    // The gateway streams the body on; refusing early spares ingestion a body it would refuse anyway.
    description: "Largest CSV body POST /v1/customers/csv passes on to ingestion, in bytes (413 beyond it); keep it at ingestion's INGESTION_MAX_UPLOAD_BYTES",
    default: 2 * 1024 ** 3,
    min: 1,
  }),
  GATEWAY_CORS_ORIGINS: list({ description: 'Browser origins allowed to call the gateway (the web client)', default: ['http://127.0.0.1:8080', 'http://localhost:8080'] }),
  GATEWAY_READY_TIMEOUT_MS: int({ description: 'How long /ready waits for each subgraph', default: 2_000, min: 50 }),
  LOG_LEVEL: logLevelSetting,
});

/** AUTH_MODE=local: tokens signed by `npm run token` with a shared secret. */
const localAuthConfigSpec = defineConfig(SERVICE, {
  GATEWAY_JWT_SECRET: jwtSecret({
    description: 'AUTH_MODE=local: HS256 key the access tokens are signed with (npm run token uses it too); required in production',
    localDefault: 'local-development-only-jwt-secret-0123456789',
  }),
});

function algorithms(options: { description: string; default: string[] }): VarSpec<string[]> {
  const parseList = list(options).parse;
  return {
    ...options,
    kind: `comma-separated list of ${OIDC_ALGORITHMS.join(', ')}`,
    parse: (raw) => {
      const values = parseList(raw);
      const unknown = values.filter((value) => !(OIDC_ALGORITHMS as readonly string[]).includes(value));
      if (unknown.length > 0) throw new Error(`must list public-key algorithms only (${OIDC_ALGORITHMS.join(', ')}), got ${unknown.join(', ')}`);
      return values;
    },
  };
}

/** AUTH_MODE=oidc: tokens of an OpenID Connect provider, checked against its published keys (no secret). */
const oidcAuthConfigSpec = defineConfig(SERVICE, {
  GATEWAY_OIDC_ISSUER: url({
    description: 'AUTH_MODE=oidc: the issuer, exactly as in the tokens\' iss and the discovery document (e.g. https://login.example.com/realms/segmentation)',
    protocols: ['https', 'http'],
  }),
  GATEWAY_OIDC_AUDIENCE: str({ description: 'The aud every access token must carry: this API as the provider names it', default: 'segmentation-gateway' }),
  GATEWAY_OIDC_DISCOVERY_URL: str({
    description: 'Where the gateway reads the discovery document, when it reaches the provider at another address than the issuer (e.g. inside the cluster); empty: <issuer>/.well-known/openid-configuration',
    default: '',
  }),
  GATEWAY_OIDC_ALGORITHMS: algorithms({ description: 'Accepted signature algorithms', default: ['RS256', 'ES256'] }),
  GATEWAY_OIDC_ROLE_CLAIM: str({
    description: 'Claim (or dotted path, e.g. realm_access.roles) holding the caller\'s roles or groups: a list of names or one name',
    default: 'roles',
  }),
  GATEWAY_OIDC_VIEWER_ROLES: list({ description: 'Names in the role claim that make the caller a viewer', default: ['segmentation-viewer'] }),
  GATEWAY_OIDC_ANALYST_ROLES: list({ description: 'Names in the role claim that make the caller an analyst', default: ['segmentation-analyst'] }),
  GATEWAY_OIDC_ADMIN_ROLES: list({ description: 'Names in the role claim that make the caller an admin', default: ['segmentation-admin'] }),
  GATEWAY_OIDC_WITHOUT_ROLE: oneOf<RoleMapping['withoutRole']>(['refuse', 'viewer'], {
    description: 'A valid token with none of the names: refuse (403) or treat the caller as a viewer',
    default: 'refuse',
  }),
  GATEWAY_OIDC_NAME_CLAIM: str({ description: 'Claim shown and audited as the caller\'s name (the subject when it is absent)', default: 'preferred_username' }),
  GATEWAY_OIDC_JWKS_REFRESH: timeSpan({ description: "How often the provider's keys are fetched again (a key it removed stops working within this time)", default: 10 * 60 }),
  GATEWAY_OIDC_JWKS_COOLDOWN: timeSpan({ description: 'Least time between two fetches caused by tokens with a key id not cached', default: 30 }),
});

/** The variables of each AUTH_MODE: only those of the mode in use are read, and required. */
export const gatewayAuthConfigSpecs = { local: localAuthConfigSpec, oidc: oidcAuthConfigSpec } as const;

export type GatewaySettings = ConfigOf<typeof gatewayConfigSpec.spec>;
export type LocalAuthConfig = { readonly mode: 'local' } & ConfigOf<typeof localAuthConfigSpec.spec>;
export type OidcAuthConfig = { readonly mode: 'oidc' } & ConfigOf<typeof oidcAuthConfigSpec.spec>;
export type GatewayConfig = GatewaySettings & { readonly auth: LocalAuthConfig | OidcAuthConfig };

function loadAuthConfig(env: NodeJS.ProcessEnv): LocalAuthConfig | OidcAuthConfig | null {
  const mode = env.AUTH_MODE || 'local';
  if (mode === 'local') return { mode, ...localAuthConfigSpec.load(env) };
  if (mode === 'oidc') return { mode, ...oidcAuthConfigSpec.load(env) };
  // An unknown mode is reported by the settings part.
  return null;
}

/** Loads the settings; in production the secrets have no default and development-only introspection is refused. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const { settings, auth } = loadConfigParts(SERVICE, { settings: () => gatewayConfigSpec.load(env), auth: () => loadAuthConfig(env) });
  if (env.NODE_ENV === 'production' && settings.GATEWAY_DEV_INTROSPECT) {
    throw new ConfigError(SERVICE, ['GATEWAY_DEV_INTROSPECT is for development only and refused when NODE_ENV=production: serve the composed supergraph']);
  }
  return { ...settings, auth: auth as LocalAuthConfig | OidcAuthConfig };
}

/** The settings as printable text, secrets masked. */
export function redactGatewayConfig(config: GatewayConfig): Record<string, string> {
  const { auth, ...settings } = config;
  const { mode, ...authSettings } = auth;
  const redactedAuth = mode === 'local' ? localAuthConfigSpec.redact(authSettings as ConfigOf<typeof localAuthConfigSpec.spec>) : oidcAuthConfigSpec.redact(authSettings as ConfigOf<typeof oidcAuthConfigSpec.spec>);
  return { ...gatewayConfigSpec.redact(settings), ...redactedAuth };
}

/** The subgraph URLs from the settings, by subgraph name. */
export function subgraphUrlsOf(config: GatewayConfig): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, config[subgraph.urlVariable]]));
}

export function tokenLifetimePolicyOf(config: GatewaySettings): TokenLifetimePolicy {
  return { maxTtlSeconds: config.GATEWAY_MAX_TOKEN_TTL, clockSkewSeconds: config.GATEWAY_CLOCK_SKEW };
}

/** Where the discovery document is read: the setting, else the issuer's well-known address. */
export function discoveryUrlOf(auth: OidcAuthConfig): string {
  return auth.GATEWAY_OIDC_DISCOVERY_URL || `${auth.GATEWAY_OIDC_ISSUER.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

export function roleMappingOf(auth: OidcAuthConfig): RoleMapping {
  return {
    claim: auth.GATEWAY_OIDC_ROLE_CLAIM,
    names: { viewer: auth.GATEWAY_OIDC_VIEWER_ROLES, analyst: auth.GATEWAY_OIDC_ANALYST_ROLES, admin: auth.GATEWAY_OIDC_ADMIN_ROLES },
    withoutRole: auth.GATEWAY_OIDC_WITHOUT_ROLE,
  };
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
