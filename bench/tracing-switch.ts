// Imported first by bench/score.ts: a child run with `--instrumentation on` traces (OTEL_* from its parent) from
// before http and pg load, as a service's main.ts does with its ./instrumentation.
import { startTracing } from '@seg/observability/tracing';

const flag = process.argv.findIndex((arg) => arg === '--instrumentation' || arg.startsWith('--instrumentation='));
const mode = flag < 0 ? undefined : process.argv[flag].includes('=') ? process.argv[flag].split('=')[1] : process.argv[flag + 1];
if (mode === 'on' && !startTracing('scoring').enabled) throw new Error('--instrumentation on needs OTEL_EXPORTER_OTLP_ENDPOINT (bench/score.ts sets it for its children)');
