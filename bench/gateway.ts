/**
 * Benchmark (not a test): the Apollo Gateway under load on loopback, a query across three subgraphs against a
 * query answered by one, in the same run.
 *   node -r @swc-node/register bench/gateway.ts [--connections 10] [--seconds 10] [--rounds 3] [--warmup 10] [--instrumentation both|off] [--sample-ratio 1]
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
 * medians of the rounds. Instrumentation on vs off (`both`, the default): two platforms, one traced, both up
 * throughout with the same data; every round loads each query on one then the other (the order alternating), so
 * the machine's other load, which swings by a third, hits both alike; the CPU per request of the services' processes
 * (and the gateway's alone) is read from /proc. Writes bench/results/gateway.json and prints a table.
 */
import autocannon from 'autocannon';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IsolatedPlatform, ROOT, SERVICES } from '@seg/platform-client/testing';
import { percentChange, scrapeEvery, startOtlpSink } from './otlp-sink';
import { cpuByFamily, cpuOfProcesses } from './process-cpu';
import { median, medians } from './stats';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '10' },
    first: { type: 'string', default: '20' },
    real: { type: 'string', default: join(ROOT, '../shared/data/Customer Data.csv') },
    // both: every round measured with instrumentation off and on; off: off only.
    instrumentation: { type: 'string', default: 'both' },
    // Share of traces kept with instrumentation on (parentbased_traceidratio): 1 traces every request, the chart's default is 0.1.
    'sample-ratio': { type: 'string', default: '1' },
  },
});
const CONNECTIONS = Number(values.connections);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const WARMUP_SECONDS = Number(values.warmup);
const FIRST = Number(values.first);
const REAL_ROWS = 8_950;
if (!['both', 'off'].includes(values.instrumentation)) throw new Error(`--instrumentation must be both or off, got ${values.instrumentation}`);
// As often as a Prometheus with a short interval scrapes (the chart's ServiceMonitors: 30 s).
const SCRAPE_SECONDS = 5;

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
  /** CPU per request of the five services' processes (in all, and the gateway's alone) and of PostgreSQL, over the round. */
  readonly cpuMicrosPerRequest: { readonly services: number; readonly gateway: number; readonly postgres: number };
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

/** A platform under load: its gateway, a viewer token, the answer each query must give, its processes. */
interface Target {
  readonly url: string;
  readonly token: string;
  readonly expected: ReadonlyMap<Scenario, string>;
  readonly pids: readonly number[];
  readonly gatewayPid: number;
}

async function load(target: Target, scenario: Scenario, seconds: number): Promise<Round> {
  const { url, token, pids, gatewayPid } = target;
  const expectBody = target.expected.get(scenario) as string;
  const before = { services: cpuOfProcesses(pids), gateway: cpuOfProcesses([gatewayPid]), postgres: cpuByFamily().postgres };
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
  const micros = (secondsBefore: number, secondsAfter: number) => Math.round(((secondsAfter - secondsBefore) * 1e6) / result.requests.total);
  const cpuMicrosPerRequest = {
    services: micros(before.services, cpuOfProcesses(pids)),
    gateway: micros(before.gateway, cpuOfProcesses([gatewayPid])),
    postgres: micros(before.postgres, cpuByFamily().postgres),
  };
  const failures = { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatches: result.mismatches };
  if (Object.values(failures).some((n) => n > 0)) throw new Error(`${scenario.name}: failed requests under load ${JSON.stringify(failures)}`);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: Number(result.latency.mean.toFixed(2)),
    requests: result.requests.total,
    cpuMicrosPerRequest,
  };
}

type Mode = 'off' | 'on';

async function main(): Promise<void> {
  if (!existsSync(values.real)) throw new Error(`The real data is needed at ${values.real} (see data/README.md)`);
  const sink = await startOtlpSink();
  const instrumentationEnv = (mode: Mode) =>
    mode === 'on'
      ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: values['sample-ratio'] }
      : { OTEL_EXPORTER_OTLP_ENDPOINT: '' };
  const modes: readonly Mode[] = values.instrumentation === 'off' ? ['off'] : ['off', 'on'];
  // One platform per mode, both up throughout: the rounds alternate between them with no restart, so a change in the
  // machine's other load (it swings by a third on this shared machine) hits both modes alike.
  const platforms = new Map<Mode, IsolatedPlatform>(modes.map((mode) => [mode, new IsolatedPlatform({ env: instrumentationEnv(mode) })]));
  try {
    const targets = new Map<Mode, Target>();
    for (const [mode, platform] of platforms) {
      const setupStarted = Date.now();
      await platform.start();
      console.log(`platform ${platform.id} (instrumentation ${mode}) up (gateway ${platform.url('gateway')}); ingesting, training and scoring the real data …`);
      await platform.flow.ingest(values.real);
      const admin = await platform.flow.gateway('admin');
      await platform.flow.train(admin);
      await platform.flow.scored(admin, REAL_ROWS);
      console.log(`${REAL_ROWS} customers scored in ${Math.round((Date.now() - setupStarted) / 1000)} s`);
      const url = platform.url('gateway');
      const token = await platform.flow.token('viewer', 'bench');
      const expected = new Map<Scenario, string>();
      for (const scenario of SCENARIOS) expected.set(scenario, await checkedBody(url, token, scenario));
      targets.set(mode, { url, token, expected, pids: SERVICES.map((service) => platform.pid(service) as number), gatewayPid: platform.pid('gateway') as number });
    }
    const expected = (targets.get('off') as Target).expected;
    for (const [mode, target] of targets) {
      for (const scenario of SCENARIOS) {
        console.log(`warm-up ${mode} ${scenario.name}: ${WARMUP_SECONDS} s`);
        await load(target, scenario, WARMUP_SECONDS);
      }
    }
    const rounds = new Map<Mode, Map<Scenario, Round[]>>(modes.map((mode) => [mode, new Map(SCENARIOS.map((s) => [s, []]))]));
    const loadAverageBefore = loadavg()[0];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const scenario of SCENARIOS) {
        // off-on, on-off, …: neither mode always measured first.
        for (const mode of round % 2 === 1 ? modes : [...modes].reverse()) {
          const platform = platforms.get(mode) as IsolatedPlatform;
          const stopScrapes = mode === 'on' ? scrapeEvery(SCRAPE_SECONDS, () => SERVICES.map((service) => `http://127.0.0.1:${platform.metricsPorts.get(service)}/metrics`)) : null;
          const measured = await load(targets.get(mode) as Target, scenario, SECONDS);
          const scraped = stopScrapes?.();
          if (scraped && scraped.failed > 0) throw new Error(`${scraped.failed} scrapes of /metrics failed`);
          rounds.get(mode)?.get(scenario)?.push(measured);
          console.log(
            `round ${round} instrumentation ${mode} ${scenario.name}: ${measured.requestsPerSecond} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, ` +
              `${measured.cpuMicrosPerRequest.services} µs CPU per request in the services (the gateway ${measured.cpuMicrosPerRequest.gateway}, PostgreSQL ${measured.cpuMicrosPerRequest.postgres})`,
          );
        }
      }
    }

    const scenariosOf = (mode: Mode) =>
      SCENARIOS.map((scenario) => {
        const runs = rounds.get(mode)?.get(scenario) as Round[];
        return {
          name: scenario.name,
          subgraphs: scenario.subgraphs,
          query: scenario.query,
          responseBytes: Buffer.byteLength(expected.get(scenario) as string),
          rounds: runs,
          requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
          p50Ms: median(runs.map((r) => r.p50Ms)),
          p99Ms: median(runs.map((r) => r.p99Ms)),
          cpuMicrosPerRequest: medians(runs.map((r) => r.cpuMicrosPerRequest)),
        };
      });
    const scenarios = scenariosOf('off');
    const [baseline, federated] = scenarios;
    const on = modes.includes('on') ? scenariosOf('on') : null;
    if (on && sink.received().requests === 0) throw new Error('the traced services exported nothing');
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: availableParallelism(), model: cpus()[0]?.model, node: process.version, loadAverage1mBefore: Number(loadAverageBefore.toFixed(2)), loadAverage1mAfter: Number(loadavg()[0].toFixed(2)) },
      method:
        `isolated platform (IsolatedPlatform of @seg/platform-client/testing), five processes on loopback with the real data (${REAL_ROWS} customers) trained and scored; ` +
        `autocannon in the bench process, ${CONNECTIONS} connections, no pipelining, viewer token; ${WARMUP_SECONDS} s warm-up per query and platform, then ${ROUNDS} rounds of ${SECONDS} s ` +
        'per query and mode; every answer byte-equal to a checked one (0 errors, non-2xx, mismatches); medians of rounds. ' +
        'Instrumentation off: metrics counted and JSON logs (always on), no scrape, no tracing; on: a second platform with the same data, its requests traced ' +
        `(sampler parentbased_traceidratio ${values['sample-ratio']}) and exported over OTLP/HTTP protobuf to a sink in the bench process, and every /metrics scraped every ${SCRAPE_SECONDS} s while loaded; ` +
        'both platforms up throughout, each query loaded on one then the other (off-on, on-off, …); the figures without a mode are off',
      connections: CONNECTIONS,
      scenarios,
      federatedVsBaseline: {
        throughputRatio: Number((federated.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)),
        p50AddedMs: Number((federated.p50Ms - baseline.p50Ms).toFixed(2)),
        p99AddedMs: Number((federated.p99Ms - baseline.p99Ms).toFixed(2)),
      },
      instrumentation: on && {
        sampleRatio: Number(values['sample-ratio']),
        on,
        exported: sink.received(),
        onVsOffPercent: Object.fromEntries(
          on.map((o, i) => [
            o.name,
            {
              requestsPerSecond: percentChange(o.requestsPerSecond, scenarios[i].requestsPerSecond),
              p99Ms: percentChange(o.p99Ms, scenarios[i].p99Ms),
              servicesCpuPerRequest: percentChange(o.cpuMicrosPerRequest.services, scenarios[i].cpuMicrosPerRequest.services),
              gatewayCpuPerRequest: percentChange(o.cpuMicrosPerRequest.gateway, scenarios[i].cpuMicrosPerRequest.gateway),
              // Each round's on against the same round's off, measured back to back: the steadier comparison.
              pairedMedian: {
                requestsPerSecond: median(o.rounds.map((r, k) => percentChange(r.requestsPerSecond, scenarios[i].rounds[k].requestsPerSecond))),
                servicesCpuPerRequest: median(o.rounds.map((r, k) => percentChange(r.cpuMicrosPerRequest.services, scenarios[i].rounds[k].cpuMicrosPerRequest.services))),
              },
            },
          ]),
        ),
      },
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/gateway.json'), `${JSON.stringify(report, null, 2)}\n`);

    console.log(`\n| query | instrumentation | subgraphs | response bytes | req/s | p50 ms | p99 ms | services µs CPU/request | gateway µs CPU/request |  (${CONNECTIONS} connections, median of ${ROUNDS} × ${SECONDS} s)`);
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const [mode, list] of [['off', scenarios], ['on', on ?? []]] as const) {
      for (const s of list) console.log(`| ${s.name} | ${mode} | ${s.subgraphs.join(' → ')} | ${s.responseBytes} | ${s.requestsPerSecond} | ${s.p50Ms} | ${s.p99Ms} | ${s.cpuMicrosPerRequest.services} | ${s.cpuMicrosPerRequest.gateway} |`);
    }
    console.log(`federated / baseline throughput ${report.federatedVsBaseline.throughputRatio}; p50 +${report.federatedVsBaseline.p50AddedMs} ms, p99 +${report.federatedVsBaseline.p99AddedMs} ms`);
    if (report.instrumentation) console.log(`instrumentation on vs off, per cent: ${JSON.stringify(report.instrumentation.onVsOffPercent)}`);
  } finally {
    for (const platform of platforms.values()) await platform.stop();
    await sink.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
