import { errors, jwtVerify, SignJWT } from 'jose';
import { isRole, ROLES, type Role } from './roles';

const ALGORITHM = 'HS256';

/** The caller as the verified token says. */
export interface AccessUser {
  readonly sub: string;
  readonly role: Role;
}

/** Why a token was refused; the message is safe to show the caller. */
export class AccessTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs an access token; `ttl` is a jose time span such as `12h`, `30m` or `7d`. */
export async function signAccessToken(user: AccessUser, secret: string, ttl: string): Promise<string> {
  if (!isRole(user.role)) throw new AccessTokenError(`role must be one of ${ROLES.join(', ')}, got '${String(user.role)}'`);
  if (user.sub.trim() === '') throw new AccessTokenError('sub must not be empty');
  return new SignJWT({ role: user.role }).setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' }).setSubject(user.sub).setIssuedAt().setExpirationTime(ttl).sign(key(secret));
}

/** Verifies signature (HS256 only: no `none`, no algorithm confusion), expiry, subject and role. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessUser> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: [ALGORITHM], requiredClaims: ['exp', 'sub'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AccessTokenError('access token expired');
    if (error instanceof errors.JOSEError) throw new AccessTokenError(`access token invalid: ${error.message}`);
    throw error;
  }
  if (!isRole(payload.role)) throw new AccessTokenError(`access token invalid: role must be one of ${ROLES.join(', ')}`);
  return { sub: payload.sub as string, role: payload.role };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
