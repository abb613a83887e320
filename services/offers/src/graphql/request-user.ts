import type { IncomingHttpHeaders } from 'node:http';

/** Set by the gateway from the caller's verified token (issue 5's gateway); absent on direct local calls. */
export const USER_ID_HEADER = 'x-user-id';
export const UNKNOWN_USER = 'unknown';
const MAX_USER_ID_LENGTH = 200;

/**
 * Who is calling, as recorded in the offer audit. Role checks are not done here: they belong to the gateway,
 * which authenticates the caller, and until then this header is only as trustworthy as the network path.
 */
export function requestUserId(headers: IncomingHttpHeaders): string {
  const raw = headers[USER_ID_HEADER];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, MAX_USER_ID_LENGTH) : UNKNOWN_USER;
}
