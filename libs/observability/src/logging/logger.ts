import { isSpanContextValid, trace } from '@opentelemetry/api';
import { hostname } from 'node:os';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { currentRequestId } from './request-context';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Where lines go; default stdout, pretty-printed only when stdout is a terminal. */
  readonly destination?: DestinationStream;
}

/**
 * Fields whose values never reach a log line: tokens, secrets, passwords and the headers that carry them. pino
 * replaces them with "[redacted]"; free text (messages, errors) is scrubbed of bearer tokens and JWTs as well.
 */
const REDACTED_PATHS = [
  'authorization',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'password',
  'secret',
  'cookie',
  '*.authorization',
  '*.token',
  '*.accessToken',
  '*.password',
  '*.secret',
  '*.cookie',
  'headers["x-gateway-secret"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-gateway-secret"]',
];

const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
// Three base64url parts, the first starting like a JSON header: a JWT wherever it appears in text.
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** Text with bearer tokens and JWTs cut out. */
export function scrubSecrets(text: string): string {
  return text.replace(BEARER, '$1 [redacted]').replace(JWT, '[redacted token]');
}

/** The ids that tie a line to its request and trace: the active OpenTelemetry span's (tracing on) and the request's. */
function correlationIds(): Record<string, string> {
  const ids: Record<string, string> = {};
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) {
    ids.traceId = span.traceId;
    ids.spanId = span.spanId;
  }
  const requestId = currentRequestId();
  if (requestId !== undefined) ids.requestId = requestId;
  return ids;
}

/**
 * The structured logger of a service: one JSON object per line with `time`, `level` (as a word), `service`,
 * `msg`, and `traceId`/`spanId`/`requestId` whenever the line is written while serving a request or a traced batch.
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const pretty = options.destination === undefined && process.stdout.isTTY === true;
  return pino(
    {
      level: options.level ?? 'info',
      base: { service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: correlationIds,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg instanceof Error ? { err: { type: arg.name, message: scrubSecrets(arg.message), stack: arg.stack && scrubSecrets(arg.stack) } } : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    // Synchronous writes to stdout: the last line before a process.exit (a refused start) is never lost.
    options.destination ?? (pretty ? pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }) : pino.destination({ dest: 1, sync: true })),
  );
}

export type { Level, Logger };
