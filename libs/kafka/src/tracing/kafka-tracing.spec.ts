import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { batchContext, MAX_BATCH_LINKS } from './kafka-tracing';

const TRACE_A = '0af7651916cd43dd8448eb211c80319c';
const TRACE_B = '4bf92f3577b34da6a3ce929d0e0e4736';
const span = (n: number) => n.toString(16).padStart(16, '0');
const carrier = (traceId: string, spanId: string) => ({ traceparent: `00-${traceId}-${spanId}-01` });
const parentOf = (headers: Readonly<Record<string, string>>[]) => trace.getSpanContext(batchContext(headers).parent);

describe(batchContext.name, () => {
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  it("should continue the producers' trace when every record of the batch carries it, linked to each producer span once", () => {
    const { links } = batchContext([carrier(TRACE_A, span(1)), carrier(TRACE_A, span(2)), carrier(TRACE_A, span(1))]);

    expect(links.map((link) => link.context.spanId)).toEqual([span(1), span(2)]);
    expect(parentOf([carrier(TRACE_A, span(1)), carrier(TRACE_A, span(2))])).toMatchObject({ traceId: TRACE_A, spanId: span(1), isRemote: true });
  });

  it('should start a trace of its own, linked, when a record has no context or another trace', () => {
    const untraced = batchContext([carrier(TRACE_A, span(1)), {}, carrier(TRACE_A, span(2))]);
    const mixed = batchContext([carrier(TRACE_A, span(1)), carrier(TRACE_B, span(2))]);

    // One sampled record among untraced ones must not pull the whole batch into its trace.
    expect(untraced.parent).toBe(ROOT_CONTEXT);
    expect(untraced.links).toHaveLength(2);
    expect(mixed.parent).toBe(ROOT_CONTEXT);
    expect(mixed.links.map((link) => link.context.traceId)).toEqual([TRACE_A, TRACE_B]);
  });

  it('should examine at most MAX_BATCH_LINKS records for links, yet compare every record for the parent', () => {
    const many = Array.from({ length: MAX_BATCH_LINKS + 50 }, (_, i) => carrier(TRACE_A, span(i + 1)));
    expect(batchContext(many).links).toHaveLength(MAX_BATCH_LINKS);
    expect(parentOf(many)?.traceId).toBe(TRACE_A);
    expect(parentOf([...many, carrier(TRACE_B, span(9999))])).toBeUndefined();
  });

  it('should have no links and the active context for a batch without trace context', () => {
    expect(batchContext([{}, { source: 'csv' }])).toEqual({ links: [], parent: ROOT_CONTEXT });
  });
});
