/**
 * Benchmark (not a test): CSV → PostgreSQL → `customers.features.v1` through the ingestion service, on the
 * real data and on seeded synthetic customers, against the local stack.
 *   node -r @swc-node/register bench/ingest.ts [--repeats 3] [--rows 1000000] [--mid-rows 250000] [--large-repeats 3]
 * Every run is a fresh process (so its peak RSS is its own) that boots the service in-process with a throwaway
 * schema and topics, POSTs the file over HTTP and stops the clock when the outbox is empty, i.e. when Kafka
 * acknowledged (acks=all) every features event. Two baselines run in the same run on the same file: the CSV
 * parser and validator alone, and the same plus each accepted row's features event sent to Kafka by the same
 * producer, with no database (the ceiling of any pipeline that publishes every row). Every run also reports the CPU
 * per row of node, PostgreSQL and the broker (from /proc). Writes bench/results/ingest.json, prints a table.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { platformTopics, Topics } from '@seg/contracts';
import { createKafkaClient, deleteTopics, KafkaProducer, provisionTopics } from '@seg/kafka';
import { uniqueSuffix } from '@seg/kafka/testing';
import { csvChunks, loadIngestionConfig, startIngestionTestApp } from '@seg/ingestion/testing';
import { databaseFloor } from './database-floor';
import { cpuByFamily, microsPer, type CpuMicros } from './process-cpu';
import { median } from './stats';

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
  /** CPU per row of every process over the run: this one (node), PostgreSQL, the broker. */
  cpuMicrosPerRow: CpuMicros;
  /** Ingest runs: PostgreSQL's floor for the rows stored (bench/database-floor.ts), µs per row. */
  databaseFloorMicrosPerRow?: Record<string, number>;
}

interface Measured {
  runs: RunResult[];
  medianMs: number;
  rowsPerSecond: number;
  medianPeakRssMb: number;
  /** This process's CPU per row (median run), in microseconds. */
  nodeCpuMicrosPerRow: number;
  /** The whole machine's CPU per row, in microseconds: the median run's total. */
  totalCpuMicrosPerRow: number;
  /** Ingest runs: the median of PostgreSQL's floor for the rows stored, µs per row. */
  databaseFloorMicrosPerRow?: number;
}

interface DatasetResult {
  name: string;
  rows: number;
  parserBaseline: Measured;
  publishBaseline: Measured;
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
  const machineBefore = cpuByFamily();
  let rows = 0;
  for await (const chunk of csvChunks(createReadStream(file), loadIngestionConfig().settings.INGESTION_CSV_BATCH_SIZE)) rows += chunk.accepted.length;
  const ms = performance.now() - started;
  return { ms, committedMs: ms, rows, published: 0, peakRssMb: peakRssMb(), cpuMs: cpuMs(cpuBefore), cpuMicrosPerRow: microsPer(rows, machineBefore, cpuByFamily()) };
}

/**
 * The second baseline: parse and validate, and send each accepted row's features event (the canonical JSON, built
 * here rather than by PostgreSQL) to a throwaway features topic with the service's producer, a chunk at a time as
 * its relay does; no database.
 */
async function publishOnly(file: string): Promise<RunResult> {
  const config = loadIngestionConfig();
  const client = createKafkaClient(config.kafka);
  const topic = `bench.${uniqueSuffix()}.${Topics.customersFeatures}`;
  const spec = platformTopics().find((candidate) => candidate.name === Topics.customersFeatures);
  if (spec === undefined) throw new Error(`${Topics.customersFeatures} is not a platform topic`);
  await provisionTopics(client, [{ ...spec, name: topic }]);
  const producer = new KafkaProducer(client);
  try {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const machineBefore = cpuByFamily();
    const stamp = { source: 'csv', batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10', updatedAt: new Date().toISOString() };
    let rows = 0;
    for await (const chunk of csvChunks(createReadStream(file), config.settings.INGESTION_CSV_BATCH_SIZE)) {
      await producer.send(topic, chunk.accepted.map(({ customerId, features }) => ({ key: customerId, value: JSON.stringify({ customerId, features, ...stamp }) })));
      rows += chunk.accepted.length;
    }
    const ms = performance.now() - started;
    return { ms, committedMs: ms, rows, published: rows, peakRssMb: peakRssMb(), cpuMs: cpuMs(cpuBefore), cpuMicrosPerRow: microsPer(rows, machineBefore, cpuByFamily()) };
  } finally {
    await producer.disconnect();
    await deleteTopics(client, [topic]);
  }
}

/** The whole path: HTTP upload → validated upsert + outbox → relay → Kafka, until the outbox is empty. */
async function ingest(file: string): Promise<RunResult> {
  const app = await startIngestionTestApp();
  // An interrupted benchmark still drops its schema and topics.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().finally(() => process.exit(130)));
  try {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const machineBefore = cpuByFamily();
    const { status, body } = await app.postCsv(createReadStream(file));
    const committedMs = performance.now() - started;
    if (status !== 200) throw new Error(`Upload of ${file} answered ${status}: ${JSON.stringify(body)}`);
    for (;;) {
      const [{ empty }] = await app.dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM outbox) AS empty');
      if (empty) break;
      await sleep(50);
    }
    const ms = performance.now() - started;
    const rows = Number(body.read);
    const published = Number(body.inserted) + Number(body.updated);
    const cpuMicrosPerRow = microsPer(rows, machineBefore, cpuByFamily());
    // Only the customers stay: the outbox rows are gone once published, so this floor leaves them out.
    const databaseFloorMicrosPerRow = await databaseFloor(app.dataSource, ['customers'], rows);
    return { ms, committedMs, rows, published, peakRssMb: peakRssMb(), cpuMs: cpuMs(cpuBefore), cpuMicrosPerRow, databaseFloorMicrosPerRow };
  } finally {
    await app.close();
  }
}

type WorkerMode = 'parse' | 'publish' | 'ingest';

function runWorker(mode: WorkerMode, file: string): RunResult {
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', __filename, '--worker', mode, '--file', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    env: { ...process.env, KAFKA_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as RunResult;
}

function measure(mode: WorkerMode, name: string, file: string, repeats: number): Measured {
  const runs: RunResult[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = runWorker(mode, file);
    const { node, postgres, broker, total } = run.cpuMicrosPerRow;
    console.error(
      `  ${name} ${mode} #${i + 1}: ${run.rows} rows in ${(run.ms / 1000).toFixed(2)} s (committed after ${(run.committedMs / 1000).toFixed(2)} s), ` +
        `CPU ${total} µs/row (node ${node}, PostgreSQL ${postgres}, broker ${broker}), peak RSS ${run.peakRssMb} MB`,
    );
    runs.push(run);
  }
  const medianMs = median(runs.map((r) => r.ms));
  return { runs, medianMs: Math.round(medianMs), rowsPerSecond: Math.round(runs[0].rows / (medianMs / 1000)), medianPeakRssMb: median(runs.map((r) => r.peakRssMb)),
    nodeCpuMicrosPerRow: Math.round((median(runs.map((r) => r.cpuMs)) * 1000) / runs[0].rows),
    totalCpuMicrosPerRow: median(runs.map((r) => r.cpuMicrosPerRow.total)),
    ...(mode === 'ingest' && { databaseFloorMicrosPerRow: median(runs.map((r) => r.databaseFloorMicrosPerRow?.total ?? Number.NaN)) }),
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
      const publishBaseline = measure('publish', name, file, n);
      const ingested = measure('ingest', name, file, n);
      return { name, rows: ingested.runs[0].rows, parserBaseline, publishBaseline, ingest: ingested };
    });

    const report = {
      date: new Date().toISOString(),
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model, node: process.version },
      method:
        'fresh process per run; service in-process on a throwaway schema and topics; clock from the HTTP POST until the outbox is empty ' +
        '(every features event acknowledged by Kafka with acks=all); peak RSS = the process maxRSS (service + upload client); CPU per row of ' +
        'node (this process), PostgreSQL and the broker from /proc over each run; PostgreSQL floor = the stored customers copied server-side; medians',
      datasets: results,
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/ingest.json'), `${JSON.stringify(report, null, 2)}\n`);

    console.log(
      '\n| data | rows | runs | parser alone rows/s | parser + Kafka rows/s | ingest rows/s | ingest median s | CPU µs/row (parser / parser + Kafka / ingest) | peak RSS MB (parser / ingest) |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.rows} | ${r.ingest.runs.length} | ${r.parserBaseline.rowsPerSecond} | ${r.publishBaseline.rowsPerSecond} | ${r.ingest.rowsPerSecond} | ` +
          `${(r.ingest.medianMs / 1000).toFixed(2)} | ${r.parserBaseline.totalCpuMicrosPerRow} / ${r.publishBaseline.totalCpuMicrosPerRow} / ${r.ingest.totalCpuMicrosPerRow} | ` +
          `${r.parserBaseline.medianPeakRssMb} / ${r.ingest.medianPeakRssMb} |`,
      );
    }
    for (const r of results) console.log(`${r.name}: PostgreSQL floor, the customers copied server-side: ${r.ingest.databaseFloorMicrosPerRow} µs per row`);
    console.log(`at 50,000 rows/s, this machine has ${Math.round((availableParallelism() * 1e6) / 50_000)} µs of CPU per row`);
    console.log('\nwritten to bench/results/ingest.json');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function worker(mode: string, file: string): Promise<void> {
  const result = mode === 'parse' ? await parseOnly(file) : mode === 'publish' ? await publishOnly(file) : await ingest(file);
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
