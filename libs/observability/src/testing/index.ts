import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

export interface InMemoryTracing {
  /** Every span ended so far. */
  spans(): ReadableSpan[];
  stop(): Promise<void>;
}

/**
 * The OpenTelemetry SDK with the in-memory exporter, registered globally for a test: spans made through the API (the
 * Kafka propagation in libs/kafka, manual spans) are kept for assertions. Instrumentations of http and pg are not
 * applied (jest's module loader bypasses their require hooks): trace whole processes for those (OTLP receiver).
 */
export function startInMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    spans: () => exporter.getFinishedSpans(),
    stop: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * A sample's value in Prometheus' text format, e.g. `metricValue(text, 'seg_kafka_consumer_records_total',
 * { group: 'scoring' })`; labels not given are not compared; several matching samples are summed. undefined when none.
 */
export function metricValue(exposition: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  let total: number | undefined;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const sampleLabels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => sampleLabels[key] === value)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}

/** `GET /metrics` of a process's metrics port. */
export async function scrape(port: number, host = '127.0.0.1'): Promise<string> {
  const response = await fetch(`http://${host}:${port}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics on port ${port} answered ${response.status}`);
  return response.text();
}
