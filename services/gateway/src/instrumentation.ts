// Imported first by main.ts: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) starts before the modules it patches load.
import { startTracing } from '@seg/observability/tracing';

// The subgraph calls get their client spans from the gateway's fetcher (inClientSpan), not from patching http.
startTracing('gateway', process.env, { httpClientSpans: false });
