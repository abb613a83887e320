import { discoveryUrlOf, roleMappingOf, tokenLifetimePolicyOf, type GatewayConfig } from '../config/gateway.config';
import { verifyAccessToken, type AccessUser } from './access-token';
import { OidcKeySet, type IdentityProviderState } from './oidc/oidc-key-set';
import { verifyOidcAccessToken, type OidcTokenPolicy } from './oidc/oidc-token-verifier';

/** Requests to the identity provider (discovery, keys) give up after this long. */
const IDENTITY_PROVIDER_TIMEOUT_MS = 5_000;

/**
 * Turns a bearer token into the caller, or refuses it: AccessTokenError (401), AccessRoleError (403),
 * IdentityProviderUnavailableError (503).
 */
export interface TokenVerifier {
  verify(token: string): Promise<AccessUser>;
  /** How a caller without a token gets one (the 401's reason). */
  readonly howToGetToken: string;
  /** The identity provider's state for `/ready`; undefined when there is none (local tokens). */
  identityProvider(): Promise<IdentityProviderState | undefined>;
  start(): Promise<void>;
  stop(): void;
}

/** The verifier of the configured AUTH_MODE. */
export function createTokenVerifier(config: GatewayConfig): TokenVerifier {
  const lifetime = tokenLifetimePolicyOf(config);
  const { auth } = config;
  if (auth.mode === 'local') {
    return {
      verify: (token) => verifyAccessToken(token, auth.GATEWAY_JWT_SECRET, lifetime),
      howToGetToken: 'send an access token as "Authorization: Bearer <token>" (locally: npm run token -- --role viewer)',
      identityProvider: async () => undefined,
      start: async () => undefined,
      stop: () => undefined,
    };
  }
  const keys = new OidcKeySet({
    issuer: auth.GATEWAY_OIDC_ISSUER,
    discoveryUrl: discoveryUrlOf(auth),
    refreshMs: auth.GATEWAY_OIDC_JWKS_REFRESH * 1000,
    cooldownMs: auth.GATEWAY_OIDC_JWKS_COOLDOWN * 1000,
    timeoutMs: IDENTITY_PROVIDER_TIMEOUT_MS,
  });
  const policy: OidcTokenPolicy = {
    issuer: auth.GATEWAY_OIDC_ISSUER,
    audience: auth.GATEWAY_OIDC_AUDIENCE,
    algorithms: auth.GATEWAY_OIDC_ALGORITHMS,
    roles: roleMappingOf(auth),
    nameClaim: auth.GATEWAY_OIDC_NAME_CLAIM,
    lifetime,
  };
  return {
    verify: (token) => verifyOidcAccessToken(token, keys.getKey, policy),
    howToGetToken: `send an access token of ${auth.GATEWAY_OIDC_ISSUER} for the audience ${auth.GATEWAY_OIDC_AUDIENCE} as "Authorization: Bearer <token>"`,
    identityProvider: () => keys.probe(),
    start: () => keys.start(),
    stop: () => keys.stop(),
  };
}
