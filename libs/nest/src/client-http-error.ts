import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request the client got wrong, as the HTTP layer (body-parser, raw-body: http-errors) reports it. */
export interface ClientHttpError {
  /** 4xx */
  readonly status: number;
  /** Safe to show: http-errors exposes the message of a 4xx only (no path, no stack). */
  readonly message: string;
  /** body-parser's kind of failure, e.g. `entity.parse.failed`, `entity.too.large`. */
  readonly type?: string;
}

/**
 * The 4xx error of an `http-errors` error (a malformed or oversized body, an unsupported charset), or undefined
 * for anything else, which is a server fault.
 */
export function clientHttpErrorOf(error: unknown): ClientHttpError | undefined {
  const { status, expose, message, type } = (error ?? {}) as { status?: unknown; expose?: unknown; message?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true || typeof message !== 'string') return undefined;
  return { status, message, ...(typeof type === 'string' ? { type } : {}) };
}

/**
 * Express error middleware right behind the body parser: a client's bad body gets its 4xx in Nest's JSON shape
 * and a warning, not Nest's error-level log with the stack (which would count it as a server fault).
 */
export function clientHttpErrors(logger = new Logger('HTTP')) {
  return (error: unknown, request: IncomingMessage, response: ServerResponse, next: (error: unknown) => void): void => {
    const client = clientHttpErrorOf(error);
    if (!client || response.headersSent) return next(error);
    logger.warn(`${request.method} ${request.url?.split('?')[0]}: ${client.status} ${client.message}`);
    response.writeHead(client.status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ statusCode: client.status, message: client.message }));
  };
}

/** The JSON body parser of a subgraph (GraphQL requests), with its client errors answered as such. */
export function useJsonBodyParser(app: NestExpressApplication, limit: string): NestExpressApplication {
  app.useBodyParser('json', { limit });
  app.use(clientHttpErrors());
  return app;
}
