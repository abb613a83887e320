import { REQUEST_ID_HEADER } from '@seg/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';

/** Forwarded to the subgraphs and written to the logs: no spaces, no control characters, bounded length. */
const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** One structured log line; the default writes JSON to stdout. */
export type LogWriter = (entry: Record<string, unknown>) => void;

export const jsonLogWriter: LogWriter = (entry) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

/** The caller's request id when it is well formed (a web client or a load balancer set it), else a new one. */
export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Gives every request an id (echoed in the response header) and logs one line when the response is sent. */
export function requestLogging(log: LogWriter): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const requestId = requestIdOf(request.headers[REQUEST_ID_HEADER]);
    const started = performance.now();
    response.locals.requestId = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    response.on('finish', () => {
      log({
        level: 'info',
        msg: 'request',
        requestId,
        method: request.method,
        path: request.originalUrl.split('?')[0],
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
        ...(response.locals.userId === undefined ? {} : { userId: response.locals.userId }),
        // A request the gateway refused before Apollo: the client's mistake, counted here rather than as a fault.
        ...(response.locals.refusal === undefined ? {} : { refused: response.locals.refusal }),
        ...(typeof request.body?.operationName === 'string' ? { operationName: request.body.operationName } : {}),
      });
    });
    next();
  };
}
