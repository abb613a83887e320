import { clientHttpErrorOf } from '@seg/nest';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { sendGraphqlError } from './graphql-error-response';
import type { LogWriter } from './request-log';

/** Codes of the client errors the HTTP layer (body parser) raises, in the style of Apollo's BAD_REQUEST. */
const CLIENT_ERROR_CODES: Record<number, string> = { 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/** Any other path: a JSON 404 instead of Express's HTML page. */
export const notFound: RequestHandler = (request, response) => {
  sendGraphqlError(response, 404, { code: 'NOT_FOUND', message: `Not found: ${request.method} ${request.path} (the gateway serves POST/GET /graphql, GET /me, POST /v1/customers/csv, GET /v1/segment-members, GET /health and GET /ready)` });
};

/**
 * The last handler: errors the HTTP layer raised before Apollo (a malformed or oversized body) are the client's,
 * answered with their 4xx in JSON and not logged as faults; anything else is a fault, logged in full with the
 * request id and answered "Internal server error". Never Express's HTML page, a stack trace or a path.
 */
export function httpErrors(log: LogWriter, maxBodyBytes: number): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) return next(error);
    const client = clientHttpErrorOf(error);
    if (client) {
      const message =
        client.status === 413
          ? `Request body exceeds the limit of ${maxBodyBytes} bytes`
          : client.type === 'entity.parse.failed'
            ? `Malformed JSON body: ${client.message}`
            : client.message;
      return sendGraphqlError(response, client.status, { code: CLIENT_ERROR_CODES[client.status] ?? 'BAD_REQUEST', message });
    }
    log({
      level: 'error',
      msg: error instanceof Error ? error.message : String(error),
      requestId: response.locals.requestId,
      path: request.path,
      stack: error instanceof Error ? error.stack : undefined,
    });
    sendGraphqlError(response, 500, { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  };
}
