import { USER_ID_HEADER } from '@seg/contracts';
import type { IncomingHttpHeaders } from 'node:http';

/** The caller recorded in the promotion audit. */
export interface RequestCaller {
  /** The verified caller's id (the token's `sub`), or `unknown`. */
  readonly id: string;
}

export const UNKNOWN_CALLER = 'unknown';
const MAX_ID_LENGTH = 200;

/**
 * Who calls, from the gateway's caller headers: the one place the audit reads them (to be extended with the
 * caller's name when the gateway sends it). Only requests with the gateway's shared secret reach the resolvers
 * (GatewaySecretModule), so the headers come from the gateway; role checks belong to the gateway.
 */
export function requestCaller(headers: IncomingHttpHeaders): RequestCaller {
  const raw = headers[USER_ID_HEADER];
  const id = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return { id: id ? id.slice(0, MAX_ID_LENGTH) : UNKNOWN_CALLER };
}

/** The GraphQL context of the training subgraph. */
export interface TrainingGraphqlContext {
  readonly caller: RequestCaller;
}
