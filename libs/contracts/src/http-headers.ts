/**
 * Headers of the gateway's calls to the subgraphs. A subgraph trusts the caller headers only on a request
 * that carries the shared secret: the gateway sets them from the verified access token and never copies a
 * client's.
 */
/** The gateway–subgraph shared secret (`GATEWAY_SUBGRAPH_SECRET`). */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';
/** The verified caller's id (the token's `sub`), e.g. recorded in the offer audit. */
export const USER_ID_HEADER = 'x-user-id';
/** The verified caller's name for people (the token's preferred user name), percent-encoded: see `encodeUserName`. */
export const USER_NAME_HEADER = 'x-user-name';
/** The verified caller's role. */
export const USER_ROLE_HEADER = 'x-user-role';
/** A request's id: the caller's when well formed (a web client, a load balancer), else the gateway's; echoed in the answer, forwarded to the subgraphs, written in every log line. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A header carries Latin-1 only; names are any Unicode ("José", "山田"), so they travel percent-encoded UTF-8. */
export function encodeUserName(name: string): string {
  return encodeURIComponent(name);
}

/** The name `encodeUserName` wrote; a value that is not valid percent-encoding is taken as it is. */
export function decodeUserName(header: string): string {
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}
