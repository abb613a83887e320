import { encodeUserName, GATEWAY_SECRET_HEADER, USER_ID_HEADER, USER_NAME_HEADER, USER_ROLE_HEADER } from '@seg/contracts';
import type { Request, RequestHandler, Response } from 'express';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { traceHeaders } from '@seg/observability/tracing';
import type { AccessUser } from '../auth/access-token';
import { sendGraphqlError } from '../http/graphql-error-response';
import { REQUEST_ID_HEADER, type LogWriter } from '../http/request-log';
import { subgraphRouteUrl } from '../http/subgraph-route-url';
import { uploadAnswerOf } from './ingestion-answer';

/** The gateway's CSV upload, the same path as ingestion's: `POST /v1/customers/csv` (`text/csv`), admins only. */
export const CSV_UPLOAD_PATH = '/v1/customers/csv';

/** What a client may pass on to ingestion: the file's name (recorded) and the source's time of its rows. */
const FORWARDED_QUERY = ['fileName', 'occurredAt'] as const;

// Ingestion answers a summary (at most 20 rejected rows and 20 warnings of ≤ 4 KiB each) or an error: small.
const MAX_ANSWER_BYTES = 1024 * 1024;

// A client that sends nothing for this long has gone: the upload (and ingestion's batch) ends, what was committed stays.
const UPLOAD_IDLE_MS = 5 * 60_000;

export interface CsvUploadOptions {
  /** Ingestion's GraphQL endpoint (`INGESTION_URL`); the upload goes to `v1/customers/csv` beside it. */
  readonly ingestionUrl: string;
  readonly subgraphSecret: string;
  /** `GATEWAY_MAX_UPLOAD_BYTES`: larger bodies get 413 before anything reaches ingestion, or as soon as they pass it. */
  readonly maxBytes: number;
  readonly log: LogWriter;
}

/** Ingestion's upload address beside its GraphQL endpoint (a path prefix, if any, kept), with the forwarded query. */
export function ingestionUploadUrl(ingestionUrl: string, query: Request['query']): URL {
  return subgraphRouteUrl(ingestionUrl, CSV_UPLOAD_PATH, query, FORWARDED_QUERY);
}

class UploadTooLargeError extends Error {}

/** Passes the body through and fails once more than `maxBytes` went by (a lying or absent Content-Length). */
function byteLimit(maxBytes: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      callback(total > maxBytes ? new UploadTooLargeError() : null, chunk);
    },
  });
}

async function readAnswer(incoming: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of incoming as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_ANSWER_BYTES) throw new Error(`ingestion's answer exceeds ${MAX_ANSWER_BYTES} bytes`);
    parts.push(part);
  }
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/**
 * Streams an authenticated admin's CSV body to ingestion's `POST /v1/customers/csv`, never holding more of it than the
 * stream's buffers (backpressure from ingestion reaches the client), with the shared secret, the request id and the
 * caller; ingestion's summary comes back as is, its refusals and failures as the gateway's JSON errors. Runs after
 * `authenticate` and `requireRole('admin')`; no body parser has read the body.
 */
export function csvUpload(options: CsvUploadOptions): RequestHandler {
  const tooLarge = (response: Response) =>
    sendGraphqlError(response, 413, { code: 'PAYLOAD_TOO_LARGE', message: `The CSV body exceeds the maximum upload size of ${options.maxBytes} bytes` });

  return (request, response) => {
    const declared = request.headers['content-length'];
    // Refused before anything is read or sent on; Node discards the unread body after the answer.
    if (declared !== undefined && Number(declared) > options.maxBytes) return tooLarge(response);

    const user = response.locals.user as AccessUser;
    const requestId = response.locals.requestId as string;
    const target = ingestionUploadUrl(options.ingestionUrl, request.query);
    const headers: OutgoingHttpHeaders = {
      ...traceHeaders(),
      [GATEWAY_SECRET_HEADER]: options.subgraphSecret,
      [REQUEST_ID_HEADER]: requestId,
      // The verified caller, as every subgraph request carries it.
      [USER_ID_HEADER]: user.sub,
      [USER_NAME_HEADER]: encodeUserName(user.name),
      [USER_ROLE_HEADER]: user.role,
      ...(request.headers['content-type'] === undefined ? {} : { 'content-type': request.headers['content-type'] }),
      ...(declared === undefined ? {} : { 'content-length': declared }),
    };
    let answered = false;
    const answer = (send: () => void) => {
      if (answered || response.headersSent) return;
      answered = true;
      send();
    };
    const fault = (message: string, error?: unknown) => {
      options.log({ level: 'error', msg: message, requestId, path: CSV_UPLOAD_PATH, error: error instanceof Error ? error.message : error });
    };

    const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method: 'POST', headers }, (incoming) => {
      readAnswer(incoming).then(
        (body) =>
          answer(() => {
            const outcome = uploadAnswerOf(incoming.statusCode ?? 502, body);
            if (outcome.kind === 'summary') return void response.status(outcome.status).json(outcome.body);
            if (outcome.fault) fault(`CSV upload: ingestion answered HTTP ${incoming.statusCode}`, body);
            sendGraphqlError(response, outcome.status, { code: outcome.code, message: outcome.message, extensions: outcome.extensions });
          }),
        (error: unknown) =>
          answer(() => {
            fault('CSV upload: unreadable answer from ingestion', error);
            sendGraphqlError(response, 502, { code: 'BAD_GATEWAY', message: 'The ingestion service gave no usable answer; the upload may be partly stored: see ingestBatches' });
          }),
      );
    });
    const body = byteLimit(options.maxBytes);
    const stopForwarding = () => {
      request.unpipe(body);
      // Read and discard the rest, so the client gets the answer instead of a reset connection.
      request.resume();
    };
    upstream.on('error', (error) => {
      stopForwarding();
      if (request.destroyed) return;
      answer(() => {
        fault('CSV upload: ingestion unreachable', error);
        sendGraphqlError(response, 502, { code: 'BAD_GATEWAY', message: 'The ingestion service cannot be reached; nothing of this upload was answered: try again later' });
      });
    });
    body.on('error', () => {
      stopForwarding();
      upstream.destroy();
      answer(() => tooLarge(response));
    });
    // The client went away mid-upload: ingestion's batch fails, the chunks it committed stay.
    request.on('close', () => {
      if (!request.complete) upstream.destroy();
    });
    request.setTimeout(UPLOAD_IDLE_MS, () => request.destroy());
    request.on('end', () => request.setTimeout(0));
    request.pipe(body).pipe(upstream);
  };
}
