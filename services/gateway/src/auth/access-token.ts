import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AccessTokenError } from './access-errors';
import { isRole, ROLES, type Role } from './roles';
import { formatTimeSpan } from './time-span';

const ALGORITHM = 'HS256';

/** The caller as the verified token says. */
export interface AccessUser {
  readonly sub: string;
  /** For people to read (audit, logs, the web client): the preferred user name, else the subject. */
  readonly name: string;
  readonly role: Role;
}

/** What a local token is signed for: the name is optional (the subject stands in). */
export type LocalTokenUser = Omit<AccessUser, 'name'> & { readonly name?: string };

/** How long a token may live, whoever issued it: a leaked token is worth little for long. */
export interface TokenLifetimePolicy {
  /** Largest `exp - iat` accepted (`GATEWAY_MAX_TOKEN_TTL`). */
  readonly maxTtlSeconds: number;
  /** How far ahead of this clock an issuer's `iat` may be. */
  readonly clockSkewSeconds: number;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs an access token valid for `ttlSeconds` from now. */
export async function signAccessToken(user: LocalTokenUser, secret: string, ttlSeconds: number): Promise<string> {
  if (!isRole(user.role)) throw new AccessTokenError(`role must be one of ${ROLES.join(', ')}, got '${String(user.role)}'`);
  if (user.sub.trim() === '') throw new AccessTokenError('sub must not be empty');
  const now = Math.floor(Date.now() / 1000);
  const claims = user.name === undefined ? { role: user.role } : { role: user.role, preferred_username: user.name };
  return new SignJWT(claims).setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' }).setSubject(user.sub).setIssuedAt(now).setExpirationTime(now + ttlSeconds).sign(key(secret));
}

/**
 * The checks every accepted token passes, whatever verified its signature: issued no later than now (within
 * the clock skew) and living no longer than the maximum. `exp` itself is checked by the signature verification.
 */
export function assertTokenLifetime(payload: Pick<JWTPayload, 'iat' | 'exp'>, policy: TokenLifetimePolicy, nowSeconds = Math.floor(Date.now() / 1000)): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') throw new AccessTokenError('access token invalid: "iat" and "exp" claims are required');
  if (iat > nowSeconds + policy.clockSkewSeconds) throw new AccessTokenError(`access token invalid: issued ${formatTimeSpan(iat - nowSeconds)} in the future`);
  if (exp - iat > policy.maxTtlSeconds) {
    throw new AccessTokenError(`access token invalid: lifetime of ${formatTimeSpan(exp - iat)} exceeds the maximum of ${formatTimeSpan(policy.maxTtlSeconds)}`);
  }
}

/** Verifies signature (HS256 only: no `none`, no algorithm confusion), expiry, lifetime, subject and role. */
export async function verifyAccessToken(token: string, secret: string, policy: TokenLifetimePolicy): Promise<AccessUser> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: [ALGORITHM], requiredClaims: ['exp', 'iat', 'sub'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AccessTokenError('access token expired');
    if (error instanceof errors.JOSEError) throw new AccessTokenError(`access token invalid: ${error.message}`);
    throw error;
  }
  assertTokenLifetime(payload, policy);
  if (!isRole(payload.role)) throw new AccessTokenError(`access token invalid: role must be one of ${ROLES.join(', ')}`);
  return { sub: payload.sub as string, name: displayName(payload, 'preferred_username'), role: payload.role };
}

/** The caller's name for people: the given claim when it is a non-empty string, else the subject. */
export function displayName(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : (payload.sub as string);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
