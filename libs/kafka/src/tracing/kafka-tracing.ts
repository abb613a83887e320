import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Link, type Span, type SpanContext } from '@opentelemetry/api';

/**
 * W3C trace context across Kafka, with the OpenTelemetry API only: without an SDK registered (tracing off) every call
 * here is a no-op, and no header is written. Producers add `traceparent` (and `tracestate`) to each record; a consumer
 * opens one span per batch, never one per record (the scoring consumer's budget is ~40 µs of CPU per event), linked
 * to the records' producers. See docs/decisions (tracing and metrics).
 */
const tracer = trace.getTracer('@seg/kafka');

/**
 * Records examined for links in one batch: the SDK keeps 128 links per span by default (OTEL_SPAN_LINK_COUNT_LIMIT),
 * and reading every traceparent of a 5,000-record batch would cost a parse per record for links that are dropped.
 */
export const MAX_BATCH_LINKS = 128;

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
  if (error instanceof Error) span.recordException(error);
}

/**
 * Runs one produce request in a PRODUCER span. `send` receives the trace headers to add to every record: the span's
 * context, or nothing when tracing is off.
 */
export async function inPublishSpan<T>(topics: readonly string[], records: number, send: (traceHeaders: Readonly<Record<string, string>>) => Promise<T>): Promise<T> {
  const destination = topics.join(',');
  const span = tracer.startSpan(`publish ${destination}`, {
    kind: SpanKind.PRODUCER,
    attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': destination, 'messaging.batch.message_count': records },
  });
  const traceHeaders: Record<string, string> = {};
  if (span.isRecording()) propagation.inject(trace.setSpan(context.active(), span), traceHeaders);
  try {
    return await send(traceHeaders);
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** A batch's span context: its links to the records' producers, and its parent. */
export interface BatchContext {
  /** One per distinct producer span among the first MAX_BATCH_LINKS records that carry a context. */
  readonly links: Link[];
  readonly parent: Context;
}

/**
 * The links of a batch's span and its parent: the producers' trace when every record of the batch carries it (a
 * promotion event, one upload's records), so that trace goes on through the consumer; otherwise none, and the batch
 * starts a trace of its own, linked to each producer and sampled at the consumer's own ratio. A batch in which a few
 * records of thousands come from one sampled trace is not pulled into it: with 1 in 10 sampled upstream, that made
 * most batches of a busy topic sampled.
 */
export function batchContext(headers: Iterable<Readonly<Record<string, string>>>): BatchContext {
  const links: Link[] = [];
  const seen = new Set<string>();
  let examined = 0;
  // undefined until a record is seen; null once two records differ (or one has no context).
  let sharedTrace: string | null | undefined;
  for (const carrier of headers) {
    const traceparent = carrier.traceparent;
    if (traceparent === undefined) {
      sharedTrace = null;
      continue;
    }
    // W3C traceparent: version "-" 32 hex trace id "-" …; compared in place, no string per record.
    if (sharedTrace === undefined) sharedTrace = traceparent.slice(3, 35);
    else if (sharedTrace !== null && !traceparent.startsWith(sharedTrace, 3)) sharedTrace = null;
    if (++examined > MAX_BATCH_LINKS) continue;
    const spanContext = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, carrier));
    if (!spanContext || !trace.isSpanContextValid(spanContext) || seen.has(spanContext.spanId)) continue;
    seen.add(spanContext.spanId);
    links.push({ context: spanContext });
  }
  if (links.length === 0) return { links, parent: context.active() };
  const first: SpanContext = links[0].context;
  return { links, parent: typeof sharedTrace === 'string' && first.traceId === sharedTrace ? trace.setSpanContext(ROOT_CONTEXT, { ...first, isRemote: true }) : ROOT_CONTEXT };
}

export interface ProcessSpan {
  /** Runs `work` with the batch's span active: the handler's database queries and records it produces become its children. */
  run<T>(work: () => Promise<T>): Promise<T>;
  end(error?: unknown): void;
}

/**
 * One CONSUMER span for a handled batch of a partition. With tracing off it costs a header lookup per record (no
 * record then carries a traceparent, unless its producer traces) and a no-op span.
 */
export function startProcessSpan(groupId: string, topic: string, partition: number, records: number, headers: Iterable<Readonly<Record<string, string>>>): ProcessSpan {
  const { links, parent } = batchContext(headers);
  const span = tracer.startSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.destination.partition.id': String(partition),
        'messaging.consumer.group.name': groupId,
        'messaging.batch.message_count': records,
      },
    },
    parent,
  );
  const active = trace.setSpan(context.active(), span);
  return {
    run: (work) => context.with(active, work),
    end: (error) => {
      if (error !== undefined) failed(span, error);
      span.end();
    },
  };
}
