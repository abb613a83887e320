import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTracing } from './tracing-state';

/**
 * HTTP spans without @opentelemetry/instrumentation-http's incoming side: that one patches the listener methods of
 * every request and response so their events run in the request's context, and with its client spans it cost the
 * gateway a fifth of its CPU under load at 1-in-10 sampling (decision 0022). Here a middleware opens the SERVER span
 * and runs the rest of the request in its context; a body parser's callbacks run outside any context, so the span is
 * opened after the body is read, or resumed after the parser (`resumeServerSpan`). Only a body still streaming
 * (an upload) gets its events bound to the span.
 */
const tracer = trace.getTracer('@seg/observability');

/** Probes and scrapes: a span each would be noise, and Kubernetes calls them every few seconds. */
const UNTRACED_PATHS: ReadonlySet<string> = new Set(['/health', '/health/live', '/ready', '/metrics']);

type Next = (error?: unknown) => void;
type Middleware = (request: IncomingMessage, response: ServerResponse, next: Next) => void;

const SPAN_CONTEXT = Symbol('the request span context');
type TracedRequest = IncomingMessage & { [SPAN_CONTEXT]?: Context };

const pathOf = (request: IncomingMessage) => (request as { originalUrl?: string }).originalUrl ?? request.url ?? '/';

function endWithResponse(span: Span, response: ServerResponse): void {
  response.once('close', () => {
    const status = response.statusCode;
    span.setAttribute('http.response.status_code', status);
    if (status >= 500 || !response.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: response.writableFinished ? `HTTP ${status}` : 'response not finished' });
    span.end();
  });
}

export interface ServerSpanOptions {
  /**
   * A body no parser has read (req.body unset): `bind` its events to the span, for a handler that streams it (an
   * upload); `leave` it when a parser further on reads it and `resumeServerSpan` follows (the gateway).
   */
  readonly unreadBody?: 'bind' | 'leave';
}

/**
 * Express-style middleware: a SERVER span for the request (the caller's W3C `traceparent` continued), ended when
 * the response closes, and the rest of the request run in its context. A no-op when tracing is off or for the
 * probes (UNTRACED_PATHS).
 */
export function serverSpans(options: ServerSpanOptions = {}): Middleware {
  const bindUnreadBody = (options.unreadBody ?? 'bind') === 'bind';
  return (request, response, next) => {
    if (!isTracing()) return next();
    const path = pathOf(request).split('?')[0];
    if (UNTRACED_PATHS.has(path)) return next();
    const method = request.method ?? 'GET';
    // The caller's trace context (and baggage), the request's span in it.
    const caller = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(`${method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path } }, caller);
    endWithResponse(span, response);
    const active = trace.setSpan(caller, span);
    (request as TracedRequest)[SPAN_CONTEXT] = active;
    // A body not read yet is read through the request's events, which run outside this context unless bound.
    if (bindUnreadBody && (request as { body?: unknown }).body === undefined && hasBody(request)) context.bind(active, request);
    context.with(active, next);
  };
}

const hasBody = (request: IncomingMessage) =>
  request.headers['content-length'] !== '0' && (request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined);

/** After a body parser (its callbacks run outside the request's context): the rest of the request in its span again. */
export function resumeServerSpan(): Middleware {
  return (request, _response, next) => {
    const active = (request as TracedRequest)[SPAN_CONTEXT];
    if (active === undefined) return next();
    context.with(active, next);
  };
}

/** Sets one header of an outgoing request: a plain object or a fetch `Headers`. */
export type HeaderCarrier = Record<string, string> | { set(name: string, value: string): void };

const headerSetter = {
  set(carrier: HeaderCarrier, key: string, value: string) {
    if (typeof carrier.set === 'function') (carrier as { set(name: string, value: string): void }).set(key, value);
    else (carrier as Record<string, string>)[key] = value;
  },
};

/**
 * Runs one outgoing HTTP call in a CLIENT span: `call` gets the span's context injected into `headers` (W3C
 * `traceparent`), and the status its answer reports is recorded. Without tracing, just `call()`.
 */
export async function inClientSpan<T>(method: string, url: string, headers: HeaderCarrier, call: () => Promise<T>, statusOf: (answer: T) => number): Promise<T> {
  if (!isTracing()) return call();
  const span = tracer.startSpan(method, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'url.full': url } });
  propagation.inject(trace.setSpan(context.active(), span), headers, headerSetter);
  try {
    const answer = await call();
    const status = statusOf(answer);
    span.setAttribute('http.response.status_code', status);
    if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
    return answer;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    if (error instanceof Error) span.recordException(error);
    throw error;
  } finally {
    span.end();
  }
}

/** `listener` run in the context active now: for an event (a response's `finish`) emitted outside the request's context. */
export function inCurrentContext<A extends unknown[]>(listener: (...args: A) => void): (...args: A) => void {
  if (!isTracing()) return listener;
  const active = context.active();
  return (...args: A) => context.with(active, () => listener(...args));
}

/** The active context as W3C trace headers, for a streamed call that has no span of its own (an upload or export proxied on); empty without tracing. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (isTracing()) propagation.inject(context.active(), headers);
  return headers;
}
