import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AccessRoleError, AccessTokenError } from '../access-errors';
import { assertTokenLifetime, displayName, type AccessUser, type TokenLifetimePolicy } from '../access-token';
import { missingRoleMessage, roleOf, type RoleMapping } from './role-claims';

/** Signature algorithms of public keys only: a shared-secret algorithm (HS256) from a key set would be algorithm confusion. */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

export interface OidcTokenPolicy {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  readonly roles: RoleMapping;
  /** The claim read as the caller's name (`preferred_username`), the subject when absent. */
  readonly nameClaim: string;
  readonly lifetime: TokenLifetimePolicy;
}

/** The unverified header and payload, only to refuse early with a precise reason; nothing is trusted from them. */
function peek(token: string): { alg: unknown; payload: JWTPayload } {
  try {
    return { alg: decodeProtectedHeader(token).alg, payload: decodeJwt(token) };
  } catch {
    throw new AccessTokenError('access token invalid: not a signed JWT (three base64url parts with a JSON header and payload)');
  }
}

/**
 * Verifies an access token from the OpenID Connect provider: signature by one of its keys (by `kid`), an accepted
 * algorithm, `iss`, `aud`, `exp` and `nbf` within the clock skew, the subject and lifetime checks every token passes
 * (`assertTokenLifetime`), then maps its role claim to a platform role.
 */
export async function verifyOidcAccessToken(token: string, getKey: JWTVerifyGetKey, policy: OidcTokenPolicy): Promise<AccessUser> {
  const { alg, payload: unverified } = peek(token);
  if (typeof alg !== 'string' || !policy.algorithms.includes(alg)) {
    throw new AccessTokenError(`access token invalid: algorithm ${JSON.stringify(alg ?? null)} is not accepted (${policy.algorithms.join(', ')})`);
  }
  // Before the key lookup: another issuer's key id is unknown here, and "wrong issuer" is the reason that helps.
  if (unverified.iss !== policy.issuer) {
    throw new AccessTokenError(`access token invalid: issued by ${JSON.stringify(unverified.iss ?? null)}, expected ${JSON.stringify(policy.issuer)}`);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, getKey, {
      issuer: policy.issuer,
      audience: policy.audience,
      algorithms: [...policy.algorithms],
      clockTolerance: policy.lifetime.clockSkewSeconds,
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AccessTokenError('access token expired');
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
      throw new AccessTokenError(`access token invalid: not meant for this API (aud ${JSON.stringify(unverified.aud ?? null)}, expected ${JSON.stringify(policy.audience)})`);
    }
    if (error instanceof errors.JOSEError) throw new AccessTokenError(`access token invalid: ${error.message}`);
    throw error;
  }
  assertTokenLifetime(payload, policy.lifetime);
  const role = roleOf(payload, policy.roles);
  if (role === null) throw new AccessRoleError(missingRoleMessage(policy.roles));
  return { sub: payload.sub as string, name: displayName(payload, policy.nameClaim), role };
}
