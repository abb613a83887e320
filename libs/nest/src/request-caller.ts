import { decodeUserName, USER_ID_HEADER, USER_NAME_HEADER } from '@seg/contracts';
import type { IncomingHttpHeaders } from 'node:http';

/** Who asked for a change, as an audit records it: the token's subject and the name people know the caller by. */
export interface RequestCaller {
  readonly id: string;
  readonly name: string;
}

export const UNKNOWN_CALLER: RequestCaller = { id: 'unknown', name: 'unknown' };
const MAX_LENGTH = 200;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, MAX_LENGTH) : undefined;
}

/**
 * The gateway's verified caller (x-user-id, x-user-name). Only requests carrying the gateway's shared secret reach
 * the resolvers (GatewaySecretModule), so the headers cannot come from anyone else; role checks belong to the
 * gateway. Without a name the id stands in; without an id the caller is unknown.
 */
export function requestCaller(headers: IncomingHttpHeaders): RequestCaller {
  const id = header(headers, USER_ID_HEADER);
  if (id === undefined) return UNKNOWN_CALLER;
  const name = header(headers, USER_NAME_HEADER);
  return { id, name: name === undefined ? id : decodeUserName(name).slice(0, MAX_LENGTH) };
}
