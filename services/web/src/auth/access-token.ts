import { isRole, ROLES, type Role } from '@seg/contracts/roles';

export interface Session {
  readonly token: string;
  readonly role: Role;
  readonly subject: string;
  /** Seconds since the epoch, when the token says. */
  readonly expiresAt: number | null;
}

export class AccessTokenError extends Error {}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  // Percent-decoding turns the bytes into UTF-8 text without TextDecoder, which jsdom lacks.
  const percentEncoded = Array.from(atob(base64), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  return JSON.parse(decodeURIComponent(percentEncoded));
}

/**
 * Reads the role from a token's payload only to hide what the role cannot do; the gateway verifies the
 * signature, so a forged role gains nothing.
 */
export function readSession(token: string, nowSeconds: number): Session {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  const parts = trimmed.split('.');
  if (parts.length !== 3) throw new AccessTokenError('This is not an access token: it should be three parts separated by dots, as printed by `npm run token`.');
  let payload: { role?: unknown; sub?: unknown; exp?: unknown };
  try {
    payload = decodeSegment(parts[1]) as typeof payload;
  } catch {
    throw new AccessTokenError('The token cannot be read: its middle part is not valid JSON. Copy the whole token again.');
  }
  const role = payload.role;
  if (!isRole(role)) {
    throw new AccessTokenError(`The token has no known role (expected ${ROLES.join(', ')}).`);
  }
  const expiresAt = typeof payload.exp === 'number' ? payload.exp : null;
  if (expiresAt !== null && expiresAt <= nowSeconds) throw new AccessTokenError('The token has expired: ask for a new one (`npm run token`).');
  return { token: trimmed, role, subject: typeof payload.sub === 'string' ? payload.sub : 'unknown', expiresAt };
}
