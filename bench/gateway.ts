/**
 * Benchmark (not a test): the Apollo Gateway under load on loopback, a query across three subgraphs against a
 * query answered by one, in the same run.
 *   node -r @swc-node/register bench/gateway.ts [--connections 10] [--seconds 10] [--rounds 3] [--warmup 10]
 * The whole platform runs as separate processes on the local stack, isolated as the e2e tests run it
 * (`IsolatedPlatform` of `@seg/platform-client/testing`: own ports, schemas, topics, MLflow model; removed at the end), loaded with
 * the real data (8,950 customers), trained and scored before the clock starts. autocannon runs in this process
 * with a viewer token, a fixed number of connections and no pipelining: every connection sends its next request
 * when the previous answer arrived (closed loop), so requests/s is what the platform serves at that concurrency.
 *   - federated: `customers` (ingestion) → `Customer.segment` (scoring, one entity fetch for the page) →
 *     `Segment.offer` (offers), `--first` customers a page.
 *   - baseline: `offers` (offers alone), so the cost of the query plan and two more hops shows against it.
 * Each query is checked once before the load (shape of the answer, no GraphQL errors), and under load every
 * answer must be byte-equal to that checked one: a GraphQL error comes back with HTTP 200, so non-2xx alone
 * would not catch it. Any error, non-2xx or mismatch fails the run. After a warm-up of each query, the rounds
 * alternate baseline and federated so a change in the machine's other load hits both; the figures are the
 * medians of the rounds. Writes bench/results/gateway.json and prints a table.
 */
import autocannon from 'autocannon';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IsolatedPlatform, ROOT } from '@seg/platform-client/testing';
import { median } from './stats';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '10' },
    first: { type: 'string', default: '20' },
    real: { type: 'string', default: join(ROOT, '../shared/data/Customer Data.csv') },
  },
});
const CONNECTIONS = Number(values.connections);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const WARMUP_SECONDS = Number(values.warmup);
const FIRST = Number(values.first);
const REAL_ROWS = 8_950;

interface FederatedAnswer {
  customers: { edges: { node: { id: string; features: { balance: number | null }; segment: { cluster: number; pca: { x: number; y: number }; segment: { id: string; label: string | null; offer: { title: string } | null } } | null } }[] };
}
interface BaselineAnswer {
  offers: { segmentId: string; title: string }[];
}

interface Scenario {
  readonly name: 'baseline' | 'federated';
  readonly subgraphs: readonly string[];
  readonly query: string;
  /** Throws unless the answer has the expected shape. */
  readonly check: (data: unknown) => void;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'baseline',
    subgraphs: ['offers'],
    query: '{ offers { segmentId title } }',
    check: (data) => {
      const { offers } = data as BaselineAnswer;
      if (offers.length !== 4 || offers.some((o) => typeof o.title !== 'string')) throw new Error(`expected the 4 segment offers, got ${JSON.stringify(offers)}`);
    },
  },
  {
    name: 'federated',
    subgraphs: ['ingestion', 'scoring', 'offers'],
    query: `{ customers(first: ${FIRST}) { edges { node { id features { balance } segment { cluster pca { x y } segment { id label offer { title } } } } } } }`,
    check: (data) => {
      const { edges } = (data as FederatedAnswer).customers;
      const incomplete = edges.filter(({ node }) => typeof node.segment?.segment.offer?.title !== 'string' || typeof node.segment.pca.x !== 'number');
      if (edges.length !== FIRST || incomplete.length > 0) {
        throw new Error(`expected ${FIRST} customers, each with a segment, a PCA position and an offer; got ${edges.length}, ${incomplete.length} incomplete`);
      }
    },
  },
];

interface Round {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly requests: number;
}

/** One raw POST, checked: returns the exact body every answer under load must equal. */
async function checkedBody(url: string, token: string, scenario: Scenario): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: scenario.query }) });
  const body = await response.text();
  const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || parsed.errors || !parsed.data) throw new Error(`${scenario.name}: HTTP ${response.status} ${body.slice(0, 500)}`);
  scenario.check(parsed.data);
  return body;
}

async function load(url: string, token: string, scenario: Scenario, expectBody: string, seconds: number): Promise<Round> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: scenario.query }),
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    expectBody,
  });
  const failures = { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatches: result.mismatches };
  if (Object.values(failures).some((n) => n > 0)) throw new Error(`${scenario.name}: failed requests under load ${JSON.stringify(failures)}`);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: Number(result.latency.mean.toFixed(2)),
    requests: result.requests.total,
  };
}

async function main(): Promise<void> {
  if (!existsSync(values.real)) throw new Error(`The real data is needed at ${values.real} (see data/README.md)`);
  const platform = new IsolatedPlatform();
  try {
    const setupStarted = Date.now();
    await platform.start();
    console.log(`platform ${platform.id} up (gateway ${platform.url('gateway')}); ingesting, training and scoring the real data …`);
    await platform.flow.ingest(values.real);
    const admin = await platform.flow.gateway('admin');
    await platform.flow.train(admin);
    await platform.flow.scored(admin, REAL_ROWS);
    console.log(`${REAL_ROWS} customers scored in ${Math.round((Date.now() - setupStarted) / 1000)} s`);

    const url = platform.url('gateway');
    const token = await platform.flow.token('viewer', 'bench');
    const expected = new Map<Scenario, string>();
    for (const scenario of SCENARIOS) {
      expected.set(scenario, await checkedBody(url, token, scenario));
      console.log(`warm-up ${scenario.name}: ${WARMUP_SECONDS} s`);
      await load(url, token, scenario, expected.get(scenario) as string, WARMUP_SECONDS);
    }
    const rounds = new Map<Scenario, Round[]>(SCENARIOS.map((s) => [s, []]));
    const loadAverageBefore = loadavg()[0];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const scenario of SCENARIOS) {
        const measured = await load(url, token, scenario, expected.get(scenario) as string, SECONDS);
        rounds.get(scenario)?.push(measured);
        console.log(`round ${round} ${scenario.name}: ${measured.requestsPerSecond} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms`);
      }
    }

    const scenarios = SCENARIOS.map((scenario) => {
      const runs = rounds.get(scenario) as Round[];
      return {
        name: scenario.name,
        subgraphs: scenario.subgraphs,
        query: scenario.query,
        responseBytes: Buffer.byteLength(expected.get(scenario) as string),
        rounds: runs,
        requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
        p50Ms: median(runs.map((r) => r.p50Ms)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
      };
    });
    const [baseline, federated] = scenarios;
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model, node: process.version, loadAverage1mBefore: Number(loadAverageBefore.toFixed(2)), loadAverage1mAfter: Number(loadavg()[0].toFixed(2)) },
      method:
        `isolated platform (IsolatedPlatform of @seg/platform-client/testing), five processes on loopback with the real data (${REAL_ROWS} customers) trained and scored; ` +
        `autocannon in the bench process, ${CONNECTIONS} connections, no pipelining, viewer token; ${WARMUP_SECONDS} s warm-up per query, then ${ROUNDS} rounds of ${SECONDS} s ` +
        'alternating baseline and federated; every answer byte-equal to a checked one (0 errors, non-2xx, mismatches); medians of rounds',
      connections: CONNECTIONS,
      scenarios,
      federatedVsBaseline: {
        throughputRatio: Number((federated.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)),
        p50AddedMs: Number((federated.p50Ms - baseline.p50Ms).toFixed(2)),
        p99AddedMs: Number((federated.p99Ms - baseline.p99Ms).toFixed(2)),
      },
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/gateway.json'), `${JSON.stringify(report, null, 2)}\n`);

    console.log(`\n| query | subgraphs | response bytes | req/s | p50 ms | p99 ms |  (${CONNECTIONS} connections, median of ${ROUNDS} × ${SECONDS} s)`);
    console.log('|---|---|---|---|---|---|');
    for (const s of scenarios) console.log(`| ${s.name} | ${s.subgraphs.join(' → ')} | ${s.responseBytes} | ${s.requestsPerSecond} | ${s.p50Ms} | ${s.p99Ms} |`);
    console.log(`federated / baseline throughput ${report.federatedVsBaseline.throughputRatio}; p50 +${report.federatedVsBaseline.p50AddedMs} ms, p99 +${report.federatedVsBaseline.p99AddedMs} ms`);
  } finally {
    await platform.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
