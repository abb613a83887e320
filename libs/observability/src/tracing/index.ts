import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { envDetector, hostDetector, processDetector } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { setTracing } from './tracing-state';

export { inClientSpan, inCurrentContext, resumeServerSpan, serverSpans, traceHeaders, type HeaderCarrier, type ServerSpanOptions } from './http-spans';

/**
 * OpenTelemetry tracing of one process, configured by the standard OTEL_* variables and off unless an OTLP endpoint
 * is set (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT). This entry point imports only the SDK:
 * a service imports it first thing in main.ts (`import './instrumentation'`), before express, pg or anything that
 * loads `http`, so the instrumentations patch them as they load.
 *
 * Traced: incoming HTTP requests by the `serverSpans` middleware (W3C traceparent in: browser → gateway → subgraph)
 * except the probes and /metrics; outgoing HTTP by @opentelemetry/instrumentation-http (a subgraph's calls to MLflow)
 * or `inClientSpan` (the gateway's calls to the subgraphs); PostgreSQL queries made within a traced request or batch.
 * Kafka records carry the context in their headers (libs/kafka, one span per batch). Not traced: express middleware
 * and GraphQL resolvers (a span per middleware or per field would dwarf the requests; Apollo's gateway adds its own
 * plan and fetch spans).
 */
let sdk: NodeSDK | null = null;

export interface TracingOptions {
  /** Client spans for every outgoing http(s) request (instrumentation-http); off where `inClientSpan` makes them. */
  readonly httpClientSpans?: boolean;
}

export interface TracingSettings {
  readonly enabled: boolean;
  /** Why tracing is on or off, for the start-up log. */
  readonly reason: string;
}

/**
 * Whether the environment asks for traces: an OTLP endpoint set, or the console exporter asked for
 * (OTEL_TRACES_EXPORTER=console: each span printed on stdout, a look without a collector), the SDK and the trace
 * exporter not switched off.
 */
export function tracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const exporters = env.OTEL_TRACES_EXPORTER?.split(',').map((e) => e.trim()) ?? [];
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };
  if (exporters.includes('none')) return { enabled: false, reason: 'OTEL_TRACES_EXPORTER=none' };
  if (exporters.includes('console') && !endpoint) return { enabled: true, reason: 'spans printed on stdout (OTEL_TRACES_EXPORTER=console)' };
  if (!endpoint) return { enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT set' };
  return { enabled: true, reason: `OTLP to ${endpoint}` };
}

/**
 * Starts the SDK when the environment asks for it (see tracingSettings); idempotent. `serviceName` is used unless
 * OTEL_SERVICE_NAME says otherwise. Metrics stay with Prometheus and logs with stdout: their OTLP exporters are off
 * unless OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER ask for them.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env, options: TracingOptions = {}): TracingSettings {
  const settings = tracingSettings(env);
  if (!settings.enabled || sdk !== null) return settings;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || serviceName,
    // No cloud detectors: each would probe a metadata endpoint at start-up.
    resourceDetectors: [envDetector, hostDetector, processDetector],
    instrumentations: [
      // Incoming requests get their spans from serverSpans (decision 0022).
      ...(options.httpClientSpans === false ? [] : [new HttpInstrumentation({ disableIncomingRequestInstrumentation: true })]),
      // Queries outside a request or batch (pool housekeeping, migrations at boot) would each be a trace of their own.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  setTracing(true);
  return settings;
}

/** Sends the spans still buffered, at shutdown; a no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  setTracing(false);
  await running?.shutdown();
}
