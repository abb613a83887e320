import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Topics } from '@seg/contracts';
import { KafkaProducer, topicRecordCount, type OutgoingMessage } from '@seg/kafka';
import { readRecords } from '@seg/kafka/testing';
import type { GatewayClient } from '@seg/platform-client';
import { IsolatedPlatform, ROOT } from '@seg/platform-client/testing';
import { featureEvents, rawEvents } from './support/events';

const REAL_DATA = resolve(ROOT, '..', 'shared', 'data', 'Customer Data.csv');
const REAL_ROWS = 8_950;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

jest.setTimeout(300_000);

async function sendAll(producer: KafkaProducer, topic: string, messages: OutgoingMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 5_000) await producer.send(topic, messages.slice(i, i + 5_000));
}

describe('the platform, end to end on the real stack', () => {
  const platform = new IsolatedPlatform();
  let admin: GatewayClient;
  let producer: KafkaProducer;

  const assignedCount = async (prefix: string) =>
    Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM ${platform.schema('scoring')}.assignments WHERE customer_id LIKE $1`, [`${prefix}-%`]))[0].n);

  beforeAll(async () => {
    if (!existsSync(REAL_DATA)) throw new Error(`The real data is needed at ${REAL_DATA} (see data/README.md)`);
    await platform.start();
    producer = new KafkaProducer(platform.kafka());
    await platform.flow.ingest(REAL_DATA);
    admin = await platform.flow.gateway('admin');
    await platform.flow.train(admin);
    await platform.flow.scored(admin, REAL_ROWS);
  }, 600_000);

  afterAll(async () => {
    await producer?.disconnect();
    await platform.stop();
  });

  it('should answer four segments summing to 8,950 customers, each with its offer, after the demo flow on the real data', async () => {
    const { segments } = await (await platform.flow.gateway('viewer')).query<{ segments: { id: string; size: number; offer: { title: string } | null }[] }>(
      '{ segments { id size offer { title } } }',
    );

    expect(segments.map((s) => s.id).sort()).toEqual(['cash-advance', 'low-activity', 'revolvers', 'transactors']);
    expect(segments.reduce((sum, s) => sum + s.size, 0)).toBe(REAL_ROWS);
    // The gate promoted a model with every segment ≥ 5 %: scoring must show the same picture.
    for (const segment of segments) expect(segment.size).toBeGreaterThanOrEqual(0.05 * REAL_ROWS);
    for (const segment of segments) expect(segment.offer?.title).toEqual(expect.any(String));
  });

  it('should resolve one customer across ingestion, scoring and offers in one query', async () => {
    const { customer } = await (await platform.flow.gateway('viewer')).query<{
      customer: { features: { balance: number }; segment: { segment: { id: string; offer: { title: string } }; pca: { x: number; y: number } } };
    }>('{ customer(id: "C10001") { features { balance } segment { segment { id offer { title } } pca { x y } } } }');

    expect(customer.features.balance).toBeCloseTo(40.900749, 5);
    expect(['cash-advance', 'low-activity', 'revolvers', 'transactors']).toContain(customer.segment.segment.id);
    expect(customer.segment.segment.offer.title.length).toBeGreaterThan(0);
    expect(Number.isFinite(customer.segment.pca.x) && Number.isFinite(customer.segment.pca.y)).toBe(true);
  });

  it('should refuse a mutation without a token and from a viewer, and change nothing', async () => {
    const runsBefore = await platform.sql(`SELECT id FROM ${platform.schema('training')}.training_runs`);

    const anonymous = await (await platform.flow.gateway()).send('mutation { trainModel { id } }');
    const viewer = await (await platform.flow.gateway('viewer')).send('mutation { trainModel { id } }');

    expect(anonymous.errors.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(viewer.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await platform.sql(`SELECT id FROM ${platform.schema('training')}.training_runs`)).toHaveLength(runsBefore.length);
  });

  it('should segment 1,000 new raw events within 10 s of their arrival', async () => {
    const events = rawEvents('R', 1_000, 7);

    const sent = Date.now();
    await producer.send(platform.topic(Topics.customersRaw), events);
    while ((await assignedCount('R')) < 1_000 && Date.now() - sent < 10_000) await sleep(100);
    const elapsed = Date.now() - sent;

    expect(await assignedCount('R')).toBe(1_000);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('should send malformed raw events to the DLQ with the reason and go on with the next ones', async () => {
    const valid = rawEvents('D', 1, 11)[0];
    await producer.send(platform.topic(Topics.customersRaw), [
      { key: 'bad-json', value: Buffer.from('{"customerId": "bad-json",') },
      { key: 'bad-range', value: { ...(valid.value as object), customerId: 'bad-range', features: { ...(valid.value as { features: object }).features, PURCHASES_FREQUENCY: 7 } } },
      valid,
    ]);

    const dead = await readRecords(platform.kafka(), platform.topic(Topics.customersRawDlq), 2);
    expect(dead.map((r) => r.key?.toString()).sort()).toEqual(['bad-json', 'bad-range']);
    expect(dead.every((r) => Object.keys(r.headers).some((h) => h.startsWith('dlq-')))).toBe(true);
    while ((await assignedCount('D')) < 1) await sleep(100);
    expect(await assignedCount('D')).toBe(1);
  });

  it('should re-score every customer with the new champion when a model is promoted', async () => {
    const run = await platform.flow.train(admin);
    if (run.gate && !run.gate.passed) await admin.query('mutation($v: String!) { promoteModel(version: $v, force: true) { version } }', { v: run.modelVersion });
    const customers = REAL_ROWS + 1_000 + 1;

    await platform.flow.scored(admin, customers);

    const versions = await platform.sql<{ model_version: string; n: string }>(
      `SELECT model_version::text, count(*) AS n FROM ${platform.schema('scoring')}.assignments GROUP BY 1`,
    );
    expect(versions).toEqual([{ model_version: run.modelVersion, n: String(customers) }]);
    const { rescoreProgress } = await admin.query<{ rescoreProgress: { status: string; total: number; done: number; modelVersion: string } }>(
      '{ rescoreProgress { status total done modelVersion } }',
    );
    expect(rescoreProgress).toEqual({ status: 'succeeded', total: customers, done: customers, modelVersion: run.modelVersion });

    // A rollback: the previous version promoted again becomes the champion, and everyone is re-scored with it.
    const previous = String(Number(run.modelVersion) - 1);
    await admin.query('mutation($v: String!) { promoteModel(version: $v, force: true) { version } }', { v: previous });
    const onPrevious = async () =>
      Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM ${platform.schema('scoring')}.assignments WHERE model_version = $1`, [previous]))[0].n);
    const started = Date.now();
    while ((await onPrevious()) < customers && Date.now() - started < 60_000) await sleep(200);
    expect(await onPrevious()).toBe(customers);
  });

  it('should leave exactly 100,000 assignments and no duplicate history when scoring is killed in the middle of 100,000 events', async () => {
    const topic = platform.topic(Topics.customersFeatures);
    await sendAll(producer, topic, featureEvents('K', 0, 50_000, 23));
    while ((await assignedCount('K')) === 0) await sleep(20);

    await platform.stopService('scoring', 'SIGKILL');
    const atKill = await assignedCount('K');
    await sendAll(producer, topic, featureEvents('K', 50_000, 100_000, 23));
    // Ready once its consumers rejoin their groups, which first wait out the killed member's session (30 s): on a
    // loaded machine the broker took over 100 s to let them in.
    await platform.startService('scoring', { startTimeoutMs: 300_000 });
    await platform.flow.caughtUp(platform.flow.addresses.scoringGroup);
    while ((await assignedCount('K')) < 100_000) await sleep(200);

    expect(atKill).toBeLessThan(100_000);
    expect(await assignedCount('K')).toBe(100_000);
    const [history] = await platform.sql<{ rows: string; distinct: string }>(
      `SELECT count(*) AS rows, count(DISTINCT customer_id) AS distinct FROM ${platform.schema('scoring')}.segment_history WHERE customer_id LIKE 'K-%'`,
    );
    expect(history).toEqual({ rows: '100000', distinct: '100000' });
    // Every assignment was announced, however the kill fell between a batch's write and its events.
    const segments = platform.topic(Topics.customersSegments);
    const kafka = platform.kafka();
    const events = await readRecords(kafka, segments, await topicRecordCount(kafka, segments), 120_000);
    expect(new Set(events.map((event) => String(event.key)).filter((key) => key.startsWith('K-'))).size).toBe(100_000);
  }, 600_000);
});
