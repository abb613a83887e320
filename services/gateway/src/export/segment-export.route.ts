import { encodeUserName, GATEWAY_SECRET_HEADER, SEGMENT_EXPORT_PARAMS, SEGMENT_EXPORT_PATH, USER_ID_HEADER, USER_NAME_HEADER, USER_ROLE_HEADER } from '@seg/contracts';
import type { Request, RequestHandler } from 'express';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { traceHeaders } from '@seg/observability/tracing';
import type { AccessUser } from '../auth/access-token';
import { sendGraphqlError } from '../http/graphql-error-response';
import { REQUEST_ID_HEADER, type LogWriter } from '../http/request-log';
import { subgraphRouteUrl } from '../http/subgraph-route-url';

/** Scoring's headers that describe the file; nothing else of its answer reaches the client. */
const FILE_HEADERS = ['content-type', 'content-disposition', 'cache-control'] as const;

// Scoring's refusals are one-line JSON; anything longer is not one.
const MAX_REFUSAL_BYTES = 64 * 1024;

export interface SegmentExportOptions {
  /** Scoring's GraphQL endpoint (`SCORING_URL`); the export is `v1/segment-members` beside it. */
  readonly scoringUrl: string;
  readonly subgraphSecret: string;
  readonly log: LogWriter;
}

/** Scoring's export address beside its GraphQL endpoint (a path prefix, if any, kept), with the caller's known parameters. */
export function scoringExportUrl(scoringUrl: string, query: Request['query']): URL {
  return subgraphRouteUrl(scoringUrl, SEGMENT_EXPORT_PATH, query, SEGMENT_EXPORT_PARAMS);
}

async function readRefusal(incoming: IncomingMessage): Promise<{ message?: unknown; field?: unknown }> {
  let text = '';
  for await (const part of incoming as AsyncIterable<Buffer>) {
    text += part.toString('utf8');
    if (text.length > MAX_REFUSAL_BYTES) break;
  }
  try {
    return JSON.parse(text) as { message?: unknown; field?: unknown };
  } catch {
    return {};
  }
}

/**
 * `GET /v1/segment-members`: an authenticated analyst's (or admin's) export of segment members, streamed from scoring with
 * the shared secret, the request id and the caller. The gateway holds no more of the file than the sockets' buffers:
 * `pipeline` passes scoring's chunks on as the client reads them, so a slow client slows scoring's COPY rather than
 * filling memory. Scoring's 400 (a bad segment id, format or time) comes back as `BAD_USER_INPUT` with its field; a
 * failure after the first byte cuts the response short, so the client sees an incomplete transfer, never a whole-looking
 * file. Runs after `authenticate` and `requireRole('analyst')`.
 */
export function segmentExport(options: SegmentExportOptions): RequestHandler {
  return (request, response) => {
    const user = response.locals.user as AccessUser;
    const requestId = response.locals.requestId as string;
    const target = scoringExportUrl(options.scoringUrl, request.query);
    const fault = (message: string, error?: unknown) =>
      options.log({ level: 'error', msg: message, requestId, path: SEGMENT_EXPORT_PATH, error: error instanceof Error ? error.message : error });
    const badGateway = (message: string) => sendGraphqlError(response, 502, { code: 'BAD_GATEWAY', message });

    const upstream = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
      target,
      {
        method: 'GET',
        // A connection of its own, closed with the file: exports are rare and long, and a kept-alive socket could be
        // reused just as scoring closes it (see GATEWAY_SUBGRAPH_IDLE_TIMEOUT_MS).
        agent: false,
        headers: {
          ...traceHeaders(),
          [GATEWAY_SECRET_HEADER]: options.subgraphSecret,
          [REQUEST_ID_HEADER]: requestId,
          [USER_ID_HEADER]: user.sub,
          [USER_NAME_HEADER]: encodeUserName(user.name),
          [USER_ROLE_HEADER]: user.role,
        },
      },
      (incoming) => {
        const status = incoming.statusCode ?? 502;
        if (status === 400) {
          void readRefusal(incoming).then((refusal) =>
            sendGraphqlError(response, 400, {
              code: 'BAD_USER_INPUT',
              message: typeof refusal.message === 'string' ? refusal.message : 'The export request was refused',
              extensions: typeof refusal.field === 'string' ? { field: refusal.field } : {},
            }),
          );
          return;
        }
        if (status !== 200) {
          incoming.resume();
          fault(`Segment export: scoring answered HTTP ${status}`);
          return badGateway('The scoring service could not export the segment: try again later');
        }
        response.status(200);
        for (const name of FILE_HEADERS) {
          const value = incoming.headers[name];
          if (value !== undefined) response.setHeader(name, value);
        }
        pipeline(incoming, response).catch((error: unknown) => {
          // The client went away: scoring's COPY ends with the socket. Anything else is a fault, and the cut-short
          // response (no final chunk) tells the client the file is incomplete.
          if (!request.destroyed) fault('Segment export ended early', error);
          upstream.destroy();
        });
      },
    );
    upstream.on('error', (error) => {
      if (response.headersSent) return void response.destroy(error);
      if (request.destroyed) return;
      fault('Segment export: scoring unreachable', error);
      badGateway('The scoring service cannot be reached: try the export again later');
    });
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    upstream.end();
  };
}
