import { USER_ID_HEADER } from '@seg/contracts';
import type { IncomingHttpHeaders } from 'node:http';

export const UNKNOWN_USER = 'unknown';
const MAX_USER_ID_LENGTH = 200;

/**
 * Who is calling, as recorded in the offer audit: the gateway's verified caller. Only requests carrying the
 * gateway's shared secret reach the resolvers (GatewaySecretModule), so the header cannot come from anyone else;
 * role checks belong to the gateway.
 */
export function requestUserId(headers: IncomingHttpHeaders): string {
  const raw = headers[USER_ID_HEADER];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, MAX_USER_ID_LENGTH) : UNKNOWN_USER;
}
