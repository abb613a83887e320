// Imported first by main.ts: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http and pg before they load.
import { startTracing } from '@seg/observability/tracing';

startTracing('scoring');
