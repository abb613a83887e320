// Imported first by main.ts: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http before it loads.
import { startTracing } from '@seg/observability/tracing';

startTracing('gateway');
