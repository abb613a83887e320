import { REQUEST_ID_HEADER } from '@seg/contracts';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Written to the logs and passed on: no spaces, no control characters, bounded length. */
const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;

const storage = new AsyncLocalStorage<{ readonly requestId: string }>();

/** The caller's request id when it is well formed (the gateway, a web client or a load balancer set it), else a new one. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The id of the request being served by this async call chain, if any: every log line carries it. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `work` as part of the request `requestId`. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

/**
 * Express-style middleware: the rest of the request (resolvers, repositories, the logs they write) runs with its id,
 * which is echoed in the response header.
 */
export function requestContextMiddleware(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const requestId = requestIdOf(request.headers[REQUEST_ID_HEADER]);
  response.setHeader(REQUEST_ID_HEADER, requestId);
  withRequestId(requestId, next);
}
