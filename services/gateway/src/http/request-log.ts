import { REQUEST_ID_HEADER } from '@seg/contracts';
import { createLogger, requestIdOf, type Logger } from '@seg/observability';
import { inCurrentContext } from '@seg/observability/tracing';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export { REQUEST_ID_HEADER, requestIdOf };

/** One structured log line: `level` (info, warn, error), `msg` and fields. */
export type LogWriter = (entry: Record<string, unknown>) => void;

const LINE_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);

/** Log lines through a JSON logger (time, level, service, trace and span ids, secrets redacted). */
export function pinoLogWriter(logger: Logger): LogWriter {
  return ({ level, msg, ...fields }) => {
    const method = typeof level === 'string' && LINE_LEVELS.has(level) ? (level as 'info') : 'info';
    logger[method](fields, typeof msg === 'string' ? msg : '');
  };
}

/** The default writer: the gateway's JSON logger at level info (main.ts uses LOG_LEVEL). */
export const jsonLogWriter: LogWriter = pinoLogWriter(createLogger('gateway'));

/** Gives every request an id (echoed in the response header) and logs one line when the response is sent. */
export function requestLogging(log: LogWriter): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const requestId = requestIdOf(request.headers[REQUEST_ID_HEADER]);
    const started = performance.now();
    response.locals.requestId = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    // 'finish' is emitted outside the request's context: the line gets the request's trace id all the same.
    response.on(
      'finish',
      inCurrentContext(() => {
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
      }),
    );
    next();
  };
}
