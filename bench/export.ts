/**
 * Benchmark (not a test): the segment export end to end, `GET /v1/segment-members` on the gateway streamed from
 * scoring's COPY … TO STDOUT, against a plain `COPY (SELECT … FROM assignments) TO STDOUT` of the same rows in the same
 * run. Scoring (services/scoring/src/testing, a throwaway schema) and the gateway boot in this process; the client reads
 * the response over HTTP and counts the lines.
 *   node -r @swc-node/register bench/export.ts [--customers 1000000] [--rounds 3]
 * Two populations: the real customers' ids (data/README.md; 8,950) and `--customers` synthetic ones, in four segments.
 * The assignments are written straight into the schema (what is measured is the export, not the scoring). Per population
 * and format (CSV, NDJSON), `--rounds` exports of every segment, each figure's median: rows/s, CPU per row (node =
 * gateway + scoring + client, PostgreSQL), the process's peak RSS and its growth above the level before the export
 * (sampled every 20 ms), and the same for the plain COPY read by a pg client. Writes bench/results/export.json and prints the figures.
 */
import { dbConfigFromEnv } from '@seg/db';
import { REAL_DATA } from '@seg/platform-client/testing';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { loadGatewayConfig, signAccessToken, startGatewayServer } from '@seg/gateway/testing';
import { createScoringTestEnvironment, membershipSql, type ScoringTestApp } from '@seg/scoring/testing';
import { cpuByFamily, microsPer, type CpuMicros } from './process-cpu';
import { medians } from './stats';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '3' } } });
const CUSTOMERS = Number(values.customers);
const ROUNDS = Number(values.rounds);
const SEGMENTS = ['transactors', 'revolvers', 'low-activity', 'cash-advance'];

interface Measure {
  readonly rows: number;
  readonly rowsPerSecond: number;
  /** The process's peak RSS during the export, and how far above its level before the export. */
  readonly peakRssMb: number;
  readonly rssGrowthMb: number;
  readonly cpuMicrosPerRow: CpuMicros;
}

/** Runs `work` (which returns the rows it read) with RSS sampled and CPU read from /proc around it. */
async function measure(work: () => Promise<number>): Promise<Measure> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpuBefore = cpuByFamily();
  const started = performance.now();
  const rows = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuByFamily();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;
  return { rows, rowsPerSecond: Math.round(rows / seconds), peakRssMb: mb(peak), rssGrowthMb: mb(peak - baseline), cpuMicrosPerRow: microsPer(rows, cpuBefore, cpuAfter) };
}

async function realIds(): Promise<string[]> {
  if (!existsSync(REAL_DATA)) throw new Error(`The real data is needed at ${REAL_DATA} (see data/README.md)`);
  const ids: string[] = [];
  for await (const line of createInterface({ input: createReadStream(REAL_DATA) })) ids.push(line.split(',')[0]);
  return ids.slice(1);
}

async function seed(scoring: ScoringTestApp, ids: string[] | number): Promise<number> {
  await scoring.dataSource.query('TRUNCATE assignments');
  const source = typeof ids === 'number' ? `SELECT 'S' || lpad(i::text, 8, '0') AS id FROM generate_series(1, ${ids}) AS i` : `SELECT unnest($1::text[]) AS id`;
  await scoring.dataSource.query(
    `INSERT INTO assignments (customer_id, segment_id, cluster, pca_x, pca_y, distance, model_version, scored_at) ` +
      `SELECT id, (ARRAY['${SEGMENTS.join("','")}'])[abs(hashtext(id)) % 4 + 1], abs(hashtext(id)) % 4, random() * 10 - 5, random() * 10 - 5, random(), '1', now() FROM (${source}) s`,
    typeof ids === 'number' ? [] : [ids],
  );
  await scoring.dataSource.query('VACUUM ANALYZE assignments');
  return typeof ids === 'number' ? ids : ids.length;
}

async function main(): Promise<void> {
  const environment = await createScoringTestEnvironment();
  try {
    const scoring = await environment.boot({ SCORING_DRIFT_MONITOR: 'off' });
    const jwtSecret = 'bench-export-jwt-secret-0123456789abcdef';
    const gateway = await startGatewayServer(
      loadGatewayConfig({ GATEWAY_PORT: '0', GATEWAY_METRICS_PORT: '0', GATEWAY_JWT_SECRET: jwtSecret, GATEWAY_SUBGRAPH_SECRET: scoring.config.settings.GATEWAY_SUBGRAPH_SECRET, SCORING_URL: `${scoring.url}/graphql` }),
      { log: () => undefined },
    );
    const token = await signAccessToken({ sub: 'bench', role: 'analyst' }, jwtSecret, 3_600);
    const throughGateway = (format: 'csv' | 'ndjson') => async () => {
      const response = await fetch(`${gateway.url}/v1/segment-members?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok || !response.body) throw new Error(`export answered HTTP ${response.status}`);
      let lines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
      return format === 'csv' ? lines - 1 : lines;
    };
    // One connection for the plain COPY, opened before and closed after every measure: a backend that exits inside a
    // measured window takes its CPU time out of /proc with it.
    const connection = dbConfigFromEnv();
    const client = new Client('url' in connection ? { connectionString: connection.url } : connection);
    await client.connect();
    await client.query(`SET search_path TO ${scoring.config.settings.SCORING_DB_SCHEMA}`);
    const plainCopy = async () => {
      const select = membershipSql({ segmentId: null, asOf: null }, (value) => client.escapeLiteral(value));
      let lines = 0;
      for await (const chunk of client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER true)`)) as AsyncIterable<Buffer>) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
      return lines - 1;
    };
    const populations: [string, string[] | number][] = [['real', await realIds()], ['synthetic', CUSTOMERS]];
    const results: Record<string, Record<string, Measure>> = {};
    for (const [name, ids] of populations) {
      const rows = await seed(scoring, ids);
      console.log(`${name}: ${rows.toLocaleString('en')} assigned customers`);
      const rounds: Record<string, Measure>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const figures = { gatewayCsv: await measure(throughGateway('csv')), gatewayNdjson: await measure(throughGateway('ndjson')), plainCopyCsv: await measure(plainCopy) };
        for (const [kind, figure] of Object.entries(figures)) if (figure.rows !== rows) throw new Error(`${kind} read ${figure.rows} rows, expected ${rows}`);
        rounds.push(figures);
      }
      results[name] = medians(rounds);
      for (const [kind, m] of Object.entries(results[name])) {
        console.log(`  ${kind.padEnd(14)} ${m.rowsPerSecond.toLocaleString('en').padStart(10)} rows/s  peak RSS ${m.peakRssMb} MB (+${m.rssGrowthMb})  CPU µs/row node ${m.cpuMicrosPerRow.node} postgres ${m.cpuMicrosPerRow.postgres} total ${m.cpuMicrosPerRow.total}`);
      }
    }
    await client.end();
    await gateway.stop();
    const out = join(__dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'export.json'), `${JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, rounds: ROUNDS, customers: CUSTOMERS, results }, null, 2)}\n`);
  } finally {
    await environment.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
