/**
 * Benchmark (not a test): CSV → PostgreSQL → `customers.features.v1` through the ingestion service, on the
 * real data and on seeded synthetic customers, against the local stack.
 *   node -r @swc-node/register bench/ingest.ts [--repeats 3] [--rows 1000000] [--mid-rows 250000] [--large-repeats 3]
 * Every run is a fresh process (so its peak RSS is its own) that boots the service in-process with a throwaway
 * schema and topics, POSTs the file over HTTP and stops the clock when the outbox is empty, i.e. when Kafka
 * acknowledged (acks=all) every features event. The baseline, in the same run, is the CSV parser and validator
 * alone on the same file (the ceiling the pipeline can reach). Writes bench/results/ingest.json, prints a table.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadIngestionConfig } from '../services/ingestion/src/config/ingestion.config';
import { csvChunks } from '../services/ingestion/src/csv-upload/csv-chunks';
import { startIngestionTestApp } from '../services/ingestion/src/testing/ingestion-test-app';

const root = join(__dirname, '..');
const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    rows: { type: 'string', default: '1000000' },
    'mid-rows': { type: 'string', default: '250000' },
    'large-repeats': { type: 'string' },
    seed: { type: 'string', default: '2024' },
    real: { type: 'string', default: join(root, '../shared/data/Customer Data.csv') },
    worker: { type: 'string' },
    file: { type: 'string' },
  },
});

/** What one worker process measured. */
interface RunResult {
  ms: number;
  /** Until the upload's answer: every row committed to PostgreSQL, the events not necessarily published yet. */
  committedMs: number;
  rows: number;
  published: number;
  peakRssMb: number;
  /** CPU time of this process (parser, service, Kafka producer), user + system; PostgreSQL and Kafka not included. */
  cpuMs: number;
}

interface Measured {
  runs: RunResult[];
  medianMs: number;
  rowsPerSecond: number;
  medianPeakRssMb: number;
  /** This process's CPU per row (median run), in microseconds. */
  nodeCpuMicrosPerRow: number;
}

interface DatasetResult {
  name: string;
  rows: number;
  parserBaseline: Measured;
  ingest: Measured;
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMs = (since: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(since);
  return Math.round((user + system) / 1000);
};

/** The baseline: parse and validate the file into the service's chunks, writing nothing. */
async function parseOnly(file: string): Promise<RunResult> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let rows = 0;
  for await (const chunk of csvChunks(createReadStream(file), loadIngestionConfig().settings.INGESTION_CSV_BATCH_SIZE)) rows += chunk.accepted.length;
  const ms = performance.now() - started;
  return { ms, committedMs: ms, rows, published: 0, peakRssMb: peakRssMb(), cpuMs: cpuMs(cpuBefore) };
}

/** The whole path: HTTP upload → validated upsert + outbox → relay → Kafka, until the outbox is empty. */
async function ingest(file: string): Promise<RunResult> {
  const app = await startIngestionTestApp();
  // An interrupted benchmark still drops its schema and topics.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().finally(() => process.exit(130)));
  try {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const { status, body } = await app.postCsv(createReadStream(file));
    const committedMs = performance.now() - started;
    if (status !== 200) throw new Error(`Upload of ${file} answered ${status}: ${JSON.stringify(body)}`);
    for (;;) {
      const [{ empty }] = await app.dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM outbox) AS empty');
      if (empty) break;
      await sleep(50);
    }
    const ms = performance.now() - started;
    return { ms, committedMs, rows: Number(body.read), published: Number(body.inserted) + Number(body.updated), peakRssMb: peakRssMb(), cpuMs: cpuMs(cpuBefore) };
  } finally {
    await app.close();
  }
}

function runWorker(mode: 'parse' | 'ingest', file: string): RunResult {
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', __filename, '--worker', mode, '--file', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    env: { ...process.env, KAFKA_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as RunResult;
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function measure(mode: 'parse' | 'ingest', name: string, file: string, repeats: number): Measured {
  const runs: RunResult[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = runWorker(mode, file);
    console.error(`  ${name} ${mode} #${i + 1}: ${run.rows} rows in ${(run.ms / 1000).toFixed(2)} s (committed after ${(run.committedMs / 1000).toFixed(2)} s), node CPU ${(run.cpuMs / 1000).toFixed(1)} s, peak RSS ${run.peakRssMb} MB`);
    runs.push(run);
  }
  const medianMs = median(runs.map((r) => r.ms));
  return { runs, medianMs: Math.round(medianMs), rowsPerSecond: Math.round(runs[0].rows / (medianMs / 1000)), medianPeakRssMb: median(runs.map((r) => r.peakRssMb)),
    nodeCpuMicrosPerRow: Math.round((median(runs.map((r) => r.cpuMs)) * 1000) / runs[0].rows),
  };
}

function main(): void {
  const repeats = Number(values.repeats);
  const largeRepeats = Number(values['large-repeats'] ?? values.repeats);
  const work = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  try {
    const synthetic = (rows: string): string => {
      const file = join(work, `synthetic-${rows}.csv`);
      console.error(`generating ${rows} synthetic customers (seed ${values.seed}) …`);
      execFileSync(process.execPath, ['-r', '@swc-node/register', 'data/generate-synthetic.ts', '--rows', rows, '--seed', values.seed, '--out', file], {
        cwd: root,
        stdio: 'inherit',
      });
      return file;
    };
    const datasets: { name: string; file: string; repeats: number }[] = [
      { name: 'real', file: values.real, repeats },
      { name: `synthetic-${values['mid-rows']}`, file: synthetic(values['mid-rows']), repeats },
      { name: `synthetic-${values.rows}`, file: synthetic(values.rows), repeats: largeRepeats },
    ];
    const results: DatasetResult[] = datasets.map(({ name, file, repeats: n }) => {
      console.error(`${name} …`);
      const parserBaseline = measure('parse', name, file, n);
      const ingested = measure('ingest', name, file, n);
      return { name, rows: ingested.runs[0].rows, parserBaseline, ingest: ingested };
    });

    const report = {
      date: new Date().toISOString(),
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model, node: process.version },
      method:
        'fresh process per run; service in-process on a throwaway schema and topics; clock from the HTTP POST until the outbox is empty ' +
        '(every features event acknowledged by Kafka with acks=all); peak RSS = the process maxRSS (service + upload client); medians',
      datasets: results,
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/ingest.json'), `${JSON.stringify(report, null, 2)}\n`);

    console.log('\n| data | rows | runs | parser alone rows/s | ingest rows/s | ingest median s | ingest node CPU µs/row | peak RSS MB (parser / ingest) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.rows} | ${r.ingest.runs.length} | ${r.parserBaseline.rowsPerSecond} | ${r.ingest.rowsPerSecond} | ` +
          `${(r.ingest.medianMs / 1000).toFixed(2)} | ${r.ingest.nodeCpuMicrosPerRow} | ${r.parserBaseline.medianPeakRssMb} / ${r.ingest.medianPeakRssMb} |`,
      );
    }
    console.log('\nwritten to bench/results/ingest.json');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function worker(mode: string, file: string): Promise<void> {
  const result = mode === 'parse' ? await parseOnly(file) : await ingest(file);
  console.log(JSON.stringify(result));
}

if (values.worker !== undefined && values.file !== undefined) {
  worker(values.worker, values.file).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
} else {
  main();
}
