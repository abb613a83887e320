/**
 * Benchmark (not a test): the scoring service against the local stack, booted in-process with a throwaway
 * schema, topics, registered model and cache (`@seg/scoring/testing`).
 *   node -r @swc-node/register bench/score.ts [--events 300000] [--customers 1000000] [--rounds 3]
 *     [--phases instrumentation,consumer,rescore,latency] (each phase replaces its own figures in the results)
 * 0. Instrumentation on vs off: `--rounds` runs each way of the service consuming `--events` (drift monitoring on, as in
 *    production), each in a child process of this script, alternating which goes first. `off`: metrics counted and JSON
 *    logs (always on, nothing to switch), no scrape, no tracing. `on`: plus a scrape of /metrics every 5 s and
 *    OpenTelemetry tracing of the batches with their queries and sends (`--sample-ratio`, 1 by default), exported over OTLP/HTTP
 *    protobuf to a sink in this process (bench/otlp-sink.ts), whose CPU counts as `other`.
 * 1. Consumer throughput, `--rounds` rounds in fresh environments, each figure's median reported: `--events` synthetic
 *    feature events are produced to the features topic first. The
 *    baseline, in the same run and on the same events, is the consumer's Kafka path alone (see `transportBaseline`).
 *    Then the service, twice on the same events, with drift monitoring on and off (SCORING_DRIFT_MONITOR; the order
 *    alternates between rounds, the tables are emptied in between, each run has a group of its own): the clock runs
 *    from its boot (its consumer joining the group) until its group has committed every event, and a steady rate is
 *    taken from the first commit seen (offsets polled every 50 ms) to the last.
 *    Both report the CPU per event of node, PostgreSQL and the broker over their steady window (from /proc), and a
 *    floor for PostgreSQL's share (bench/database-floor.ts) follows.
 * 2. Re-score: `--customers` synthetic customers in the feature copy, all scored by a first champion; then, `--rounds`
 *    times, another version is promoted (`models.promoted.v1`) and the clock runs from the event to the job's success
 *    (median reported).
 * * 3. Latency: feature events produced at a steady `--rate` per second (1,000) for `--seconds` (20) to a booted
 *    service; per event, the time from its send to the feature topic (ingestion is not in this bench) until its
 *    `customers.segments.v1` event arrives, which scoring sends in the assignment's transaction, before it commits. The listener
 *    runs in the same process (and event loop) as the service.
 * Writes bench/results/score.json and prints the figures.
 */
import './tracing-switch';
import { createFeaturesEventValidator, type CustomerFeaturesEvent } from '@seg/contracts';
import { BatchConsumer, KafkaProducer } from '@seg/kafka';
import { waitFor } from '@seg/kafka/testing';
import { syntheticMatrix, type Matrix } from '@seg/ml';
import { createTestBundle } from '@seg/ml/testing';
import { ObservabilityModule } from '@seg/observability';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import {
  createScoringTestEnvironment, CustomerFeaturesRepository, DriftTracker, featureEvents, loadScoringConfig, RescoreUseCase, segmentEventsJson,
  type ScoringTestApp, type ScoringTestEnvironment,
} from '@seg/scoring/testing';
import { databaseFloor } from './database-floor';
import { percentChange, scrapeEvery, startOtlpSink, type OtlpSink } from './otlp-sink';
import { cpuByFamily, microsPer, type CpuMicros, type CpuSeconds } from './process-cpu';
import { median, medians } from './stats';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '300000' },
    customers: { type: 'string', default: '1000000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    // Internal, with --run-to: the mode of a child of the instrumentation phase (tracing-switch.ts reads it too).
    instrumentation: { type: 'string' },
    phases: { type: 'string', default: 'instrumentation,consumer,rescore,latency' },
    // Share of traces the `on` runs keep (parentbased_traceidratio): 1 traces every batch, the chart's default is 0.1.
    'sample-ratio': { type: 'string', default: '1' },
    'run-to': { type: 'string' },
  },
});
const INSTRUMENTATION = values.instrumentation as 'on' | 'off' | undefined;
if (INSTRUMENTATION !== undefined && !['on', 'off'].includes(INSTRUMENTATION)) throw new Error(`--instrumentation must be on or off, got ${INSTRUMENTATION}`);
const PHASE_NAMES = ['instrumentation', 'consumer', 'rescore', 'latency'];
const PHASES = new Set(values.phases.split(',').map((phase) => phase.trim()));
const unknownPhases = [...PHASES].filter((phase) => !PHASE_NAMES.includes(phase));
if (unknownPhases.length > 0) throw new Error(`--phases: unknown ${unknownPhases.join(', ')} (${PHASE_NAMES.join(', ')})`);
const SAMPLE_RATIO = Number(values['sample-ratio']);
if (!(SAMPLE_RATIO > 0 && SAMPLE_RATIO <= 1)) throw new Error(`--sample-ratio must be in (0, 1], got ${values['sample-ratio']}`);
// As often as a Prometheus with a short interval scrapes (the chart's ServiceMonitors: 30 s).
const SCRAPE_SECONDS = 5;
const EVENTS = Number(values.events);
const CUSTOMERS = Number(values.customers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
// Sends per second at the steady rate: 20 sends of 50 events for 1,000 events/s.
const SENDS_PER_SECOND = 20;
const WRITE_CHUNK = 20_000;

// An interrupted benchmark (Ctrl-C, a timeout) still drops its schemas, topics and model caches.
const openEnvironments = new Set<ScoringTestEnvironment>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void Promise.allSettled([...openEnvironments].map((environment) => environment.close())).finally(() => process.exit(130)));
}
async function openEnvironment(): Promise<ScoringTestEnvironment> {
  const environment = await createScoringTestEnvironment();
  openEnvironments.add(environment);
  return environment;
}
async function closeEnvironment(environment: ScoringTestEnvironment): Promise<void> {
  openEnvironments.delete(environment);
  await environment.close();
}

const count = async (service: ScoringTestApp, sql: string): Promise<number> => Number((await service.dataSource.query(sql))[0].n);
const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(7, '0')}`);

interface ConsumedWindow {
  /** From the start of the wait to the first commit seen (boot, migrations, champion download, group join). */
  readonly firstCommitMs: number;
  readonly ms: number;
  /** From the first commit seen to the last: the consumer's own rate. */
  readonly steadyEventsPerSecond: number;
  /** CPU per event over that steady window, by process. */
  readonly cpuMicrosPerEvent: CpuMicros;
}

/**
 * Waits until `groupId` has committed all `events` of the features topic, polling its committed offsets every
 * 50 ms. Offsets are committed only after a batch's transaction (scoring) or send (baseline), so they count
 * finished work; a `count(*)` of assignments 20 times a second cost PostgreSQL 10–20 µs per event, as much as a
 * third of the service's own share. The records fetched before the first commit (up to a fetch per partition) are
 * decoded before the window opens, which flatters both figures by a few per cent at 300,000 events, more below.
 */
async function consumedWindow(environment: ScoringTestEnvironment, groupId: string, events: number, started: number): Promise<ConsumedWindow> {
  const admin = environment.kafka.kafka.admin();
  await admin.connect();
  try {
    const committed = async () =>
      (await admin.fetchOffsets({ groupId, topics: [environment.topics.features] }))[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    // The first commit seen, and the last poll.
    const samples: { at: number; done: number; cpu: CpuSeconds }[] = [];
    let done = 0;
    await waitFor(
      async () => {
        done = await committed();
        if (samples.length === 0 && done > 0) samples.push({ at: Date.now(), done, cpu: cpuByFamily() });
        return done >= events;
      },
      `${events} events committed by ${groupId}`,
      600_000,
    );
    const ended = Date.now();
    const cpu = cpuByFamily();
    const [from] = samples;
    if (ended === from.at || done === from.done) throw new Error('every event was committed at once: no steady rate to measure (use more --events)');
    return {
      firstCommitMs: from.at - started,
      ms: ended - started,
      steadyEventsPerSecond: Math.round(((done - from.done) / (ended - from.at)) * 1_000),
      cpuMicrosPerEvent: microsPer(done - from.done, from.cpu, cpu),
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * The baseline: the scoring consumer's Kafka path alone on the same events. The same consumer (libs/kafka, with
 * its decoding and the contract's validation) and settings, and per event a segments event written as scoring
 * writes it and sent by the same producer; no database, no model.
 */
async function transportBaseline(environment: ScoringTestEnvironment, events: number): Promise<ConsumedWindow> {
  const settings = loadScoringConfig(process.env).settings;
  const producer = new KafkaProducer(environment.kafka);
  const groupId = `bench-transport-${Date.now()}`;
  const scoredAt = new Date().toISOString();
  const consumer = new BatchConsumer<CustomerFeaturesEvent>(environment.kafka, {
    groupId,
    topics: environment.topics.features,
    fromBeginning: true,
    maxBatchSize: settings.SCORING_KAFKA_BATCH_SIZE,
    maxBytesPerPartition: settings.SCORING_KAFKA_BATCH_SIZE * 1_024,
    partitionsConsumedConcurrently: settings.SCORING_KAFKA_PARTITIONS_CONCURRENTLY,
    validate: createFeaturesEventValidator(),
    handler: async (records) => {
      const changes = records.map(({ value }) => ({ customer_id: value.customerId, segment_id: 'transactors', pca_x: 1.5, pca_y: -0.5, distance: 1.25, moved: true }));
      const values = segmentEventsJson(changes, '1', scoredAt);
      await producer.send(environment.topics.segments, changes.map((change, i) => ({ key: change.customer_id, value: values[i] })));
    },
  });
  const started = Date.now();
  await consumer.start();
  try {
    return await consumedWindow(environment, groupId, events, started);
  } finally {
    await consumer.stop();
    await producer.disconnect();
  }
}

/**
 * The service consuming every event of the features topic with drift monitoring `monitor`, in a consumer group of its
 * own; `whileConsuming` runs from its boot to the last commit (e.g. scrapes of its /metrics).
 */
async function serviceRun(
  environment: ScoringTestEnvironment,
  monitor: 'on' | 'off',
  round: number,
  whileConsuming?: (service: ScoringTestApp) => () => void,
): Promise<{ service: ScoringTestApp; window: ConsumedWindow; observeMicrosPerEvent: number }> {
  const group = `bench-scoring-${monitor}-${round}-${Date.now()}`;
  const started = Date.now();
  const service = await environment.boot({ SCORING_DRIFT_MONITOR: monitor, SCORING_CONSUMER_GROUP: group });
  const observeMicros = meterDriftObserve(service);
  const stop = whileConsuming?.(service);
  const window = await consumedWindow(environment, group, EVENTS, started).finally(() => stop?.());
  const assigned = await count(service, `SELECT count(*)::int AS n FROM assignments`);
  if (assigned !== EVENTS) throw new Error(`${EVENTS} events committed but ${assigned} assignments stored (monitoring ${monitor})`);
  return { service, window, observeMicrosPerEvent: Math.round((observeMicros() / EVENTS) * 100) / 100 };
}

/**
 * The CPU this process spends inside the drift monitor's update of each committed batch (`DriftTracker.observe`:
 * synchronous, so `process.cpuUsage` around it is its own cost), summed from the service's boot. Unlike the on/off
 * comparison it does not depend on what else the machine runs; it leaves out the periodic assessment (per interval,
 * not per event) and the previous rows' probe (none here: every customer is new).
 */
function meterDriftObserve(service: ScoringTestApp): () => number {
  const tracker = service.app.get(DriftTracker);
  const observe = tracker.observe.bind(tracker);
  let micros = 0;
  tracker.observe = (...args) => {
    const before = process.cpuUsage();
    try {
      observe(...args);
    } finally {
      const spent = process.cpuUsage(before);
      micros += spent.user + spent.system;
    }
  };
  return () => micros;
}

const serviceFigures = (window: ConsumedWindow) => ({
  events: EVENTS,
  ms: window.ms,
  eventsPerSecond: Math.round((EVENTS / window.ms) * 1_000),
  firstCommitMs: window.firstCommitMs,
  steadyEventsPerSecond: window.steadyEventsPerSecond,
  cpuMicrosPerEvent: window.cpuMicrosPerEvent,
});

/**
 * One round of the consumer phase, in its own environment: the baseline, then the service with drift monitoring on
 * and off (alternating which goes first), then the floor, all on the same events.
 */
async function consumerRound(round: number) {
  const environment = await openEnvironment();
  try {
    await environment.registerChampion(await createTestBundle({ rows: 5_000 }));
    await environment.publishFeatures(featureEvents(EVENTS, 101, 'E'));
    const baseline = await transportBaseline(environment, EVENTS);
    const order: ('on' | 'off')[] = round % 2 === 1 ? ['on', 'off'] : ['off', 'on'];
    const windows: Partial<Record<'on' | 'off', ConsumedWindow>> = {};
    let observeMicrosPerEvent = 0;
    let floor: Record<string, number> = {};
    for (const [i, monitor] of order.entries()) {
      const { service, window, observeMicrosPerEvent: observed } = await serviceRun(environment, monitor, round);
      windows[monitor] = window;
      if (monitor === 'on') observeMicrosPerEvent = observed;
      if (i === 0) {
        // The next run must find every customer new again: the same work on the same events.
        await service.dataSource.query(`TRUNCATE customer_features, assignments, segment_history, drift_replicas, model_health_status`);
      } else {
        floor = await databaseFloor(service.dataSource, ['customer_features', 'assignments', 'segment_history'], EVENTS);
      }
      await service.close();
    }
    const on = windows.on as ConsumedWindow;
    const off = windows.off as ConsumedWindow;
    return {
      ...serviceFigures(on),
      monitoringOff: serviceFigures(off),
      // What monitoring costs per event, as a share of the consumer's (node's) CPU without it, and of all the CPU.
      monitoringCostPercent: {
        node: Math.round((on.cpuMicrosPerEvent.node / off.cpuMicrosPerEvent.node - 1) * 1_000) / 10,
        total: Math.round((on.cpuMicrosPerEvent.total / off.cpuMicrosPerEvent.total - 1) * 1_000) / 10,
      },
      // The monitor's own update, metered in the service's process, and its share of the service's node CPU per event.
      driftObserve: {
        cpuMicrosPerEvent: observeMicrosPerEvent,
        percentOfNode: Math.round((observeMicrosPerEvent / on.cpuMicrosPerEvent.node) * 1_000) / 10,
      },
      transportBaseline: { steadyEventsPerSecond: baseline.steadyEventsPerSecond, cpuMicrosPerEvent: baseline.cpuMicrosPerEvent },
      databaseFloorMicrosPerEvent: floor,
    };
  } finally {
    await closeEnvironment(environment);
  }
}

async function consumerThroughput() {
  const rounds: Awaited<ReturnType<typeof consumerRound>>[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const measured = await consumerRound(round);
    console.error(
      `  consumer round ${round}: service ${measured.steadyEventsPerSecond} events/s (node ${measured.cpuMicrosPerEvent.node} µs, total ${measured.cpuMicrosPerEvent.total} µs), ` +
        `monitoring off ${measured.monitoringOff.steadyEventsPerSecond} events/s (node ${measured.monitoringOff.cpuMicrosPerEvent.node} µs, total ${measured.monitoringOff.cpuMicrosPerEvent.total} µs), ` +
        `the monitor's update ${measured.driftObserve.cpuMicrosPerEvent} µs (${measured.driftObserve.percentOfNode} % of node), ` +
        `baseline ${measured.transportBaseline.steadyEventsPerSecond} events/s (${measured.transportBaseline.cpuMicrosPerEvent.total} µs), floor ${measured.databaseFloorMicrosPerEvent.total} µs`,
    );
    rounds.push(measured);
  }
  // The whole machine's CPU per event at the goal's rate: what the service, PostgreSQL and the broker share.
  return { median: medians(rounds), rounds, cpuMicrosPerEventAt50k: Math.round((cpus().length * 1e6) / 50_000) };
}

/**
 * The consumer phase as production runs it (drift monitoring on), in this process, with instrumentation `mode`: `on`
 * adds the tracing that tracing-switch.ts started (OTEL_* from the parent) and a scrape of /metrics every
 * SCRAPE_SECONDS; both modes count their metrics and write JSON logs (always on).
 */
async function instrumentedRun(mode: 'on' | 'off'): Promise<ConsumedWindow & { scrapes: number }> {
  const environment = await openEnvironment();
  try {
    await environment.registerChampion(await createTestBundle({ rows: 5_000 }));
    await environment.publishFeatures(featureEvents(EVENTS, 101, 'E'));
    let scraped = { scrapes: 0, failed: 0 };
    const { service, window } = await serviceRun(environment, 'on', 1, (app) => {
      if (mode === 'off') return () => undefined;
      const stop = scrapeEvery(SCRAPE_SECONDS, () => [`http://127.0.0.1:${app.app.get(ObservabilityModule).metricsPort}/metrics`]);
      return () => (scraped = stop());
    });
    await service.close();
    if (scraped.failed > 0) throw new Error(`${scraped.failed} scrapes of /metrics failed`);
    return { ...window, scrapes: scraped.scrapes };
  } finally {
    await closeEnvironment(environment);
  }
}

/** One run in a child process of this script (tracing starts before http and pg load), OTLP to `sink` when on. */
async function childRun(mode: 'on' | 'off', sink: OtlpSink): Promise<Awaited<ReturnType<typeof instrumentedRun>>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-score-'));
  const out = join(dir, 'run.json');
  const tracing =
    mode === 'on'
      ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: String(SAMPLE_RATIO) }
      : { OTEL_EXPORTER_OTLP_ENDPOINT: '' };
  try {
    const script = ['-r', './scripts/env/load-env.js', '-r', '@swc-node/register', 'bench/score.ts', '--instrumentation', mode, '--events', String(EVENTS), '--run-to', out];
    await promisify(execFile)(process.execPath, script, { cwd: join(__dirname, '..'), env: { ...process.env, ...tracing }, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(readFileSync(out, 'utf8')) as Awaited<ReturnType<typeof instrumentedRun>>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const stackCpu = (micros: CpuMicros) => micros.node + micros.postgres + micros.broker;

/** Instrumentation off and on, `ROUNDS` runs each, in child processes, alternating which goes first; medians and the difference. */
async function instrumentationComparison() {
  const sink = await startOtlpSink();
  const runs: Record<'on' | 'off', Awaited<ReturnType<typeof childRun>>[]> = { on: [], off: [] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const mode of round % 2 === 1 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const run = await childRun(mode, sink);
        runs[mode].push(run);
        console.error(`  instrumentation ${mode}, round ${round}: ${run.steadyEventsPerSecond} events/s, ${run.cpuMicrosPerEvent.node} µs of the service's CPU per event (PostgreSQL ${run.cpuMicrosPerEvent.postgres}, broker ${run.cpuMicrosPerEvent.broker})`);
      }
    }
  } finally {
    await sink.close();
  }
  if (sink.received().requests === 0) throw new Error('the traced runs exported nothing');
  const off = medians(runs.off);
  const on = medians(runs.on);
  return {
    method:
      `${EVENTS} events consumed by the service (drift monitoring on) in a child process per run, ${ROUNDS} runs each way alternating; ` +
      `off: metrics counted and JSON logs (always on), no scrape, no tracing; on: plus /metrics scraped every ${SCRAPE_SECONDS} s and ` +
      `the batches traced (sampler parentbased_traceidratio ${SAMPLE_RATIO}) with their queries and sends, exported over OTLP/HTTP protobuf to a sink in the parent; medians of runs`,
    sampleRatio: SAMPLE_RATIO,
    off,
    on,
    runs,
    exported: sink.received(),
    // The service's own CPU (node) is the figure: PostgreSQL's, the broker's and the rest of the machine's are shared
    // with whatever else runs on it.
    onVsOffPercent: {
      serviceCpuPerEvent: percentChange(on.cpuMicrosPerEvent.node, off.cpuMicrosPerEvent.node),
      // The median of each round's own on/off difference: the two runs of a round share the machine's load.
      serviceCpuPerEventPaired: median(runs.on.map((run, i) => percentChange(run.cpuMicrosPerEvent.node, runs.off[i].cpuMicrosPerEvent.node))),
      serviceAndStackCpuPerEvent: percentChange(stackCpu(on.cpuMicrosPerEvent), stackCpu(off.cpuMicrosPerEvent)),
      steadyEventsPerSecond: percentChange(on.steadyEventsPerSecond, off.steadyEventsPerSecond),
    },
  };
}

async function rescore() {
  const environment = await openEnvironment();
  try {
    await environment.registerChampion(await createTestBundle({ rows: 5_000 }));
    const service = await environment.boot();
    const { matrix } = syntheticMatrix(CUSTOMERS, 202);
    const customerIds = ids(CUSTOMERS, 'M');
    const repository = service.app.get(CustomerFeaturesRepository);
    const updatedAt = new Date().toISOString();
    const loadStarted = Date.now();
    for (let start = 0; start < CUSTOMERS; start += WRITE_CHUNK) {
      const end = Math.min(CUSTOMERS, start + WRITE_CHUNK);
      const chunk: Matrix = { rows: end - start, cols: matrix.cols, data: matrix.data.subarray(start * matrix.cols, end * matrix.cols) };
      const stamps = new Array<string>(end - start).fill(updatedAt);
      await repository.upsert(service.dataSource.manager, { customerIds: customerIds.slice(start, end), matrix: chunk, updatedAt: stamps, occurredAt: stamps });
    }
    const loadMs = Date.now() - loadStarted;
    // First champion: every customer gets an assignment (the promotion below then re-scores existing rows).
    const firstStarted = Date.now();
    await service.app.get(RescoreUseCase).execute();
    const firstMs = Date.now() - firstStarted;

    // Each round promotes a model fitted on other data, so every customer is re-scored and some move.
    const promotionRescoreMs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const { version, bundleUri } = await environment.registerChampion(await createTestBundle({ rows: 5_000, seed: 98 + round }));
      const started = Date.now();
      await environment.publishPromotion(version, bundleUri);
      await waitFor(
        async () => (await service.dataSource.query(`SELECT status FROM rescore_jobs WHERE model_version = $1`, [version]))[0]?.status === 'succeeded',
        'the promotion re-score',
        600_000,
      );
      promotionRescoreMs.push(Date.now() - started);
      const scored = await count(service, `SELECT count(*)::int AS n FROM assignments WHERE model_version = '${version}'`);
      if (scored !== CUSTOMERS) throw new Error(`the re-score of version ${version} left ${CUSTOMERS - scored} customers on another model`);
      console.error(`  re-score round ${round}: ${promotionRescoreMs[round - 1]} ms`);
    }
    const medianMs = median(promotionRescoreMs);
    return { customers: CUSTOMERS, loadMs, firstScoreMs: firstMs, promotionRescoreMs, medianPromotionRescoreMs: medianMs, customersPerSecond: Math.round((CUSTOMERS / medianMs) * 1_000) };
  } finally {
    await closeEnvironment(environment);
  }
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function steadyLatency(): Promise<Record<string, number>> {
  const environment = await openEnvironment();
  const listener = environment.kafka.kafka.consumer({ groupId: `bench-latency-${Date.now()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  try {
    await environment.registerChampion(await createTestBundle({ rows: 5_000 }));
    await environment.boot();
    const total = RATE * SECONDS;
    const perSend = RATE / SENDS_PER_SECOND;
    const events = featureEvents(total, 303, 'L');
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    await listener.connect();
    await listener.subscribe({ topics: [environment.topics.segments], fromBeginning: true });
    await listener.run({
      eachMessage: async ({ message }) => {
        const sent = sentAt.get(String(message.key));
        if (sent !== undefined) latencies.push(Date.now() - sent);
      },
    });
    const started = Date.now();
    for (let send = 0; send * perSend < total; send++) {
      // Scheduled against the clock, so a slow send is caught up instead of lowering the rate.
      const due = started + (send * 1_000) / SENDS_PER_SECOND;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const slice = events.slice(send * perSend, (send + 1) * perSend);
      const now = Date.now();
      for (const event of slice) sentAt.set(event.customerId, now);
      await environment.publishFeatures(slice);
    }
    const sendMs = Date.now() - started;
    await waitFor(() => latencies.length >= total, `${total} segment events`, 120_000);
    const sorted = [...latencies].sort((a, b) => a - b);
    return { events: total, rate: RATE, sendMs, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1] };
  } finally {
    await listener.disconnect();
    await closeEnvironment(environment);
  }
}

async function main(): Promise<void> {
  const cpu = (micros: CpuMicros) => `${micros.total} µs CPU per event (node ${micros.node}, PostgreSQL ${micros.postgres}, broker ${micros.broker})`;
  if (values['run-to'] !== undefined) {
    if (INSTRUMENTATION === undefined) throw new Error('--run-to needs --instrumentation on|off');
    writeFileSync(values['run-to'], JSON.stringify(await instrumentedRun(INSTRUMENTATION)));
    return;
  }
  const resultFile = join(__dirname, 'results', 'score.json');
  // Each phase replaces its own figures: a run of some phases keeps the others' latest.
  const result = (existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : {}) as Record<string, unknown>;
  const measured = (figures: object) => ({ measuredAt: new Date().toISOString(), cpus: cpus().length, node: process.version, ...figures });
  if (PHASES.has('instrumentation')) {
    const instrumentation = await instrumentationComparison();
    console.log(`instrumentation, medians of ${ROUNDS} runs of ${EVENTS} events each way (child processes, alternating):`);
    console.log(`  off (metrics counted, JSON logs): ${instrumentation.off.steadyEventsPerSecond} events/s, ${cpu(instrumentation.off.cpuMicrosPerEvent)}`);
    console.log(`  on (plus /metrics scraped every ${SCRAPE_SECONDS} s, batches traced at ratio ${SAMPLE_RATIO} and exported): ${instrumentation.on.steadyEventsPerSecond} events/s, ${cpu(instrumentation.on.cpuMicrosPerEvent)}`);
    const change = instrumentation.onVsOffPercent;
    console.log(
      `  on vs off: the service's CPU per event ${change.serviceCpuPerEvent} % (median of the rounds' own differences ${change.serviceCpuPerEventPaired} %; with PostgreSQL and the broker ${change.serviceAndStackCpuPerEvent} %), events/s ${change.steadyEventsPerSecond} %`,
    );
    // One entry per sample ratio measured, each its latest run.
    const previous = (result.instrumentation ?? {}) as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(previous).filter(([key]) => key.startsWith('sampleRatio ')));
    result.instrumentation = { ...kept, [`sampleRatio ${SAMPLE_RATIO}`]: measured(instrumentation) };
  }
  if (PHASES.has('consumer')) {
    const consumer = await consumerThroughput();
    const { median: figures } = consumer;
    console.log(`consumer, medians of ${ROUNDS} rounds of ${EVENTS} events:`);
    console.log(
      `  the service: ${figures.eventsPerSecond} events/s (boot and group join included; first commit after ${figures.firstCommitMs} ms), ` +
        `${figures.steadyEventsPerSecond} events/s from there, ${cpu(figures.cpuMicrosPerEvent)}`,
    );
    const off = figures.monitoringOff;
    console.log(`  the service with drift monitoring off: ${off.steadyEventsPerSecond} events/s, ${cpu(off.cpuMicrosPerEvent)}`);
    console.log(`  drift monitoring costs ${figures.monitoringCostPercent.node} % of node's CPU per event (${figures.monitoringCostPercent.total} % of all the CPU per event), medians of the rounds`);
    console.log(
      `  the monitor's own update, metered in the process: ${figures.driftObserve.cpuMicrosPerEvent} µs CPU per event, ${figures.driftObserve.percentOfNode} % of the service's node CPU per event (medians of the rounds)`,
    );
    console.log(`  baseline, the Kafka path alone (no database, no model): ${figures.transportBaseline.steadyEventsPerSecond} events/s, ${cpu(figures.transportBaseline.cpuMicrosPerEvent)}`);
    console.log(
      `  PostgreSQL floor, the stored rows copied server-side: ${figures.databaseFloorMicrosPerEvent.total} µs per event; ` +
        `the machine has ${consumer.cpuMicrosPerEventAt50k} µs of CPU per event at 50,000 events/s`,
    );
    result.consumer = measured(consumer);
  }
  if (PHASES.has('rescore')) {
    const rescored = await rescore();
    console.log(
      `re-score: ${rescored.customers} customers in ${rescored.medianPromotionRescoreMs} ms after a promotion, median of ${ROUNDS} ` +
        `(${rescored.promotionRescoreMs.join(', ')} ms; first scoring ${rescored.firstScoreMs} ms)`,
    );
    result.rescore = measured(rescored);
  }
  if (PHASES.has('latency')) {
    const latency = await steadyLatency();
    console.log(`latency: ${latency.events} events at ${latency.rate}/s, feature event sent → segment event received: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms`);
    result.latency = measured(latency);
  }
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
