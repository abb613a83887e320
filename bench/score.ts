/**
 * Benchmark (not a test): the scoring service against the local stack, booted in-process with a throwaway
 * schema, topics, registered model and cache (services/scoring/src/testing).
 *   node -r @swc-node/register bench/score.ts [--events 100000] [--customers 1000000]
 * 1. Consumer throughput: `--events` synthetic feature events are produced to the features topic first; the
 *    clock runs from the service's boot (its consumer joining the group) to the last assignment committed, and a
 *    steady rate is taken from the first commit seen (polled every 50 ms) to the last.
 * 2. Re-score: `--customers` synthetic customers in the feature copy, all scored by a first champion; a
 *    second version is promoted (`models.promoted.v1`) and the clock runs from the event to the job's success.
 * 3. Latency: feature events produced at a steady `--rate` per second (1,000) for `--seconds` (20) to a booted
 *    service; per event, the time from its send to the feature topic (ingestion is not in this bench) until its
 *    `customers.segments.v1` event arrives, which scoring sends in the assignment's transaction, before it commits. The listener
 *    runs in the same process (and event loop) as the service.
 * Writes bench/results/score.json and prints the figures.
 */
import { FEATURE_NAMES, syntheticMatrix, type Matrix } from '@seg/ml';
import { createTestBundle } from '@seg/ml/testing';
import { waitFor } from '@seg/kafka/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CustomerFeaturesRepository } from '../services/scoring/src/customer-features/customer-features.repository';
import { RescoreUseCase } from '../services/scoring/src/rescore/rescore.usecase';
import { createScoringTestEnvironment, type ScoringTestApp } from '../services/scoring/src/testing/scoring-test-app';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    customers: { type: 'string', default: '1000000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
  },
});
const EVENTS = Number(values.events);
const CUSTOMERS = Number(values.customers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
// Sends per second at the steady rate: 20 sends of 50 events for 1,000 events/s.
const SENDS_PER_SECOND = 20;
const WRITE_CHUNK = 20_000;

const count = async (service: ScoringTestApp, sql: string): Promise<number> => Number((await service.dataSource.query(sql))[0].n);
const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(7, '0')}`);

async function consumerThroughput(): Promise<Record<string, number>> {
  const environment = await createScoringTestEnvironment();
  try {
    await environment.registerChampion(await createTestBundle({ rows: 5_000 }));
    const { matrix } = syntheticMatrix(EVENTS, 101);
    const updatedAt = new Date().toISOString();
    const events = ids(EVENTS, 'E').map((customerId, i) => ({
      customerId,
      features: Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, matrix.data[i * matrix.cols + j]])),
      source: 'kafka' as const,
      batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
      updatedAt,
    }));
    await environment.publishFeatures(events);
    const started = Date.now();
    const service = await environment.boot();
    // The first commit seen ends the fixed costs (boot, migrations, champion download, group join): the rate after
    // it is the consumer's own.
    const first = { at: 0, assigned: 0 };
    await waitFor(
      async () => {
        const assigned = await count(service, `SELECT count(*)::int AS n FROM assignments`);
        if (first.at === 0 && assigned > 0) Object.assign(first, { at: Date.now(), assigned });
        return assigned === EVENTS;
      },
      `${EVENTS} assignments`,
      600_000,
    );
    const ended = Date.now();
    if (ended === first.at) throw new Error('every assignment appeared at once: no steady rate to measure (use more --events)');
    return {
      events: EVENTS,
      ms: ended - started,
      eventsPerSecond: Math.round((EVENTS / (ended - started)) * 1_000),
      firstCommitMs: first.at - started,
      steadyEventsPerSecond: Math.round(((EVENTS - first.assigned) / (ended - first.at)) * 1_000),
    };
  } finally {
    await environment.close();
  }
}

async function rescore(): Promise<Record<string, number>> {
  const environment = await createScoringTestEnvironment();
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
      await repository.upsert(service.dataSource.manager, { customerIds: customerIds.slice(start, end), matrix: chunk, updatedAt: new Array(end - start).fill(updatedAt) });
    }
    const loadMs = Date.now() - loadStarted;
    // First champion: every customer gets an assignment (the promotion below then re-scores existing rows).
    const firstStarted = Date.now();
    await service.app.get(RescoreUseCase).execute();
    const firstMs = Date.now() - firstStarted;

    const { version, bundleUri } = await environment.registerChampion(await createTestBundle({ rows: 5_000, seed: 99 }));
    const started = Date.now();
    await environment.publishPromotion(version, bundleUri);
    await waitFor(
      async () => (await service.dataSource.query(`SELECT status FROM rescore_jobs WHERE model_version = $1`, [version]))[0]?.status === 'succeeded',
      'the promotion re-score',
      600_000,
    );
    const ms = Date.now() - started;
    const scored = await count(service, `SELECT count(*)::int AS n FROM assignments WHERE model_version = '${version}'`);
    return { customers: CUSTOMERS, loadMs, firstScoreMs: firstMs, promotionRescoreMs: ms, scoredByNewVersion: scored, customersPerSecond: Math.round((CUSTOMERS / ms) * 1_000) };
  } finally {
    await environment.close();
  }
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function steadyLatency(): Promise<Record<string, number>> {
  const environment = await createScoringTestEnvironment();
  const listener = environment.kafka.kafka.consumer({ groupId: `bench-latency-${Date.now()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  try {
    await environment.registerChampion(await createTestBundle({ rows: 5_000 }));
    await environment.boot();
    const total = RATE * SECONDS;
    const perSend = RATE / SENDS_PER_SECOND;
    const { matrix } = syntheticMatrix(total, 303);
    const updatedAt = new Date().toISOString();
    const events = ids(total, 'L').map((customerId, i) => ({
      customerId,
      features: Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, matrix.data[i * matrix.cols + j]])),
      source: 'kafka' as const,
      batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
      updatedAt,
    }));
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
    await environment.close();
  }
}

async function main(): Promise<void> {
  const consumer = await consumerThroughput();
  console.log(
    `consumer: ${consumer.events} events in ${consumer.ms} ms → ${consumer.eventsPerSecond} events/s (boot and group join included); ` +
      `first commit after ${consumer.firstCommitMs} ms, ${consumer.steadyEventsPerSecond} events/s from there`,
  );
  const rescored = await rescore();
  console.log(`re-score: ${rescored.customers} customers in ${rescored.promotionRescoreMs} ms after the promotion (first scoring ${rescored.firstScoreMs} ms)`);
  const latency = await steadyLatency();
  console.log(`latency: ${latency.events} events at ${latency.rate}/s, feature event sent → segment event received: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms`);
  const result = { measuredAt: new Date().toISOString(), cpus: cpus().length, node: process.version, consumer, rescore: rescored, latency };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'score.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
