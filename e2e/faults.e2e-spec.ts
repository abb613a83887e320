import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Topics } from '@seg/contracts';
import { DlqHeaders, KafkaProducer, type OutgoingMessage } from '@seg/kafka';
import { KAFKA_CODECS, produceWithJavaClient, readRecords } from '@seg/kafka/testing';
import { IsolatedPlatform, ROOT, type ServiceName } from '@seg/platform-client/testing';
import { featureEvents, rawEvents } from './support/events';

/**
 * Faults and hostile input, one after the other on ONE isolated platform (each scenario takes the previous one's
 * customers along): PostgreSQL stopped for 30 s while raw events flow, a 2 MB gzip-compressed poison record,
 * records from Apache Kafka's own Java producer with every codec, and Kafka stopped for 30 s. PostgreSQL and Kafka
 * are the local stack's, really stopped: the e2e tier runs one file at a time, and they are started again whatever
 * happens.
 */
jest.setTimeout(600_000);

const SEED_CUSTOMERS = 1_500;
const OUTAGE_MS = 30_000;
const CONSUMING: readonly ServiceName[] = ['ingestion', 'training', 'scoring'];
/** Readiness and liveness answers of each consuming service, and the readiness' consumers check. */
type OutageProbes = Record<string, { ready: number; live: number; consumers?: string }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[faults] ${line}`);

async function stack(command: 'up' | 'down', component: 'postgres' | 'kafka'): Promise<void> {
  const started = Date.now();
  await promisify(execFile)('bash', ['scripts/stack.sh', command, component], { cwd: ROOT });
  log(`stack ${command} ${component}: done in ${((Date.now() - started) / 1_000).toFixed(1)} s`);
}

async function until(description: string, condition: () => Promise<boolean>, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs / 1_000} s waiting for ${description}`);
    await sleep(250);
  }
  const elapsed = Date.now() - started;
  log(`${description}: after ${(elapsed / 1_000).toFixed(1)} s`);
  return elapsed;
}

describe('the platform under faults and hostile input, end to end on the real stack', () => {
  const platform = new IsolatedPlatform();
  let producer: KafkaProducer;
  const down = { postgres: false, kafka: false };

  const count = async (table: string, prefix: string) =>
    Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE customer_id LIKE $1`, [`${prefix}%`]))[0].n);
  const stored = (prefix: string) => count(`${platform.schema('ingestion')}.customers`, prefix);
  const scored = (prefix: string) => count(`${platform.schema('scoring')}.assignments`, prefix);
  const probe = async (service: ServiceName, path: string) =>
    fetch(platform.url(service, path)).then(
      async (response) => ({ status: response.status, body: (await response.json()) as { checks?: Record<string, string> } }),
      (error: unknown) => ({ status: 0, body: { error: String(error) } as { checks?: Record<string, string> } }),
    );

  /** Stops `component` for OUTAGE_MS, probes the consuming services half-way, and starts it again whatever happens. */
  async function outage(component: 'postgres' | 'kafka'): Promise<OutageProbes> {
    const probes: OutageProbes = {};
    log(`stopping ${component}`);
    down[component] = true;
    try {
      await stack('down', component);
      const stoppedAt = Date.now();
      // Past the consumers' quick retries (~6 s): every consumer is backing off by now.
      await sleep(15_000);
      for (const service of CONSUMING) {
        const [ready, live] = await Promise.all([probe(service, '/health'), probe(service, '/health/live')]);
        probes[service] = { ready: ready.status, live: live.status, consumers: ready.body.checks?.consumers };
      }
      log(`during the outage: ${JSON.stringify(probes)}`);
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
      log(`starting ${component} again after ${((Date.now() - stoppedAt) / 1_000).toFixed(1)} s`);
    } finally {
      await stack('up', component);
      down[component] = false;
    }
    return probes;
  }

  const allReady = async () => (await Promise.all(CONSUMING.map((s) => probe(s, '/health')))).every((r) => r.status === 200);

  /** Not ready (a dependency down), but live: a restart would not have brought it back; and none was restarted. */
  function expectNotReadyButLiveAndNotRestarted(probes: OutageProbes, pids: (number | undefined)[]): void {
    for (const service of CONSUMING) expect({ service, ...probes[service] }).toMatchObject({ service, ready: 503, live: 200 });
    expect(CONSUMING.map((service) => platform.pid(service))).toEqual(pids);
    for (const pid of pids) expect(() => process.kill(pid as number, 0)).not.toThrow();
  }

  beforeAll(async () => {
    log(`starting platform ${platform.id}`);
    await platform.start();
    producer = new KafkaProducer(platform.kafka());
    log(`seeding ${SEED_CUSTOMERS} customers through customers.raw.v1 and training a champion on them`);
    await producer.send(platform.topic(Topics.customersRaw), rawEvents('S', SEED_CUSTOMERS, 3));
    await until(`${SEED_CUSTOMERS} seed customers stored`, async () => (await stored('S-')) === SEED_CUSTOMERS);
    const admin = await platform.flow.gateway('admin');
    const run = await platform.flow.train(admin);
    if (run.gate && !run.gate.passed) await admin.query('mutation($v: String!) { promoteModel(version: $v, force: true) { version } }', { v: run.modelVersion });
    await until('the seed customers scored', async () => (await scored('S-')) === SEED_CUSTOMERS);
  }, 600_000);

  afterAll(async () => {
    // Whatever failed, the stack is left running for the next file.
    if (down.postgres) await stack('up', 'postgres');
    if (down.kafka) await stack('up', 'kafka');
    await producer?.disconnect();
    await platform.stop();
  });

  it('should store and score every raw event sent while PostgreSQL was down for 30 s, without restarting a service', async () => {
    const pids = CONSUMING.map((service) => platform.pid(service));
    const sent: OutgoingMessage[] = [];
    let sending = true;
    // 20 events every 250 ms, before, during and after the outage.
    const sender = (async () => {
      for (let tick = 0; sending; tick++) {
        const events = rawEvents(`PG-${tick}`, 20, 100 + tick);
        await producer.send(platform.topic(Topics.customersRaw), events);
        sent.push(...events);
        await sleep(250);
      }
    })();
    let duringOutage: OutageProbes;

    try {
      await sleep(2_000);
      duringOutage = await outage('postgres');
      await sleep(3_000);
    } finally {
      sending = false;
      await sender;
    }
    log(`${sent.length} raw events sent around the outage`);
    const total = sent.length;

    await until(`all ${total} events stored`, async () => (await stored('PG-')) === total, 180_000);
    await until(`all ${total} events scored`, async () => (await scored('PG-')) === total, 180_000);
    await until('every consumer ready again', allReady);

    expect(new Set(sent.map((e) => e.key)).size).toBe(total);
    expectNotReadyButLiveAndNotRestarted(duringOutage, pids);
    expect(duringOutage.ingestion.consumers).toMatch(/^down: e2e-\w+-ingestion: handler failing on /);
  });

  it('should send a 2 MB gzip-compressed poison event to the DLQ whole and score the next valid event', async () => {
    const [valid] = rawEvents('AFTER-POISON', 1, 17);
    const poison = Buffer.from(
      JSON.stringify({ customerId: 'POISON', occurredAt: new Date().toISOString(), features: { BALANCE: -1 }, padding: 'p'.repeat(2 * 1_024 * 1_024) }),
    );
    const gzipProducer = new KafkaProducer(platform.kafka(), { compression: 'gzip' });
    try {
      log(`sending a ${poison.length}-byte invalid event gzip-compressed, then a valid one`);
      await gzipProducer.send(platform.topic(Topics.customersRaw), [{ key: 'POISON', value: poison }, valid]);
    } finally {
      await gzipProducer.disconnect();
    }

    await until('the valid event behind the poison scored', async () => (await scored('AFTER-POISON-')) === 1);
    const dead = (await readRecords(platform.kafka(), platform.topic(Topics.customersRawDlq), 1)).filter((r) => r.key?.toString() === 'POISON');

    expect(dead).toHaveLength(1);
    expect(dead[0].value?.equals(poison)).toBe(true);
    expect(dead[0].headers[DlqHeaders.reason]).toMatch(/^validation failed: /);
    expect(dead[0].headers[DlqHeaders.originalTopic]).toBe(platform.topic(Topics.customersRaw));
    expect(await stored('POISON')).toBe(0);
    expect((await probe('ingestion', '/health')).status).toBe(200);
  });

  it('should store and score the events of every codec from the Java producer, raw and features alike', async () => {
    const perCodec = 20;
    const raw = KAFKA_CODECS.map((codec) => rawEvents(`J-RAW-${codec}`, perCodec, 40));
    const features = KAFKA_CODECS.map((codec, c) => featureEvents(`J-FEAT-${codec}`, 0, perCodec, 50 + c));
    const asLines = (events: OutgoingMessage[]) => events.map((e) => ({ key: String(e.key), value: JSON.stringify(e.value) }));
    log(`sending ${perCodec} raw and ${perCodec} features events per codec (${KAFKA_CODECS.join(', ')}) with Kafka's Java console producer`);

    for (const [c, codec] of KAFKA_CODECS.entries()) {
      await Promise.all([
        produceWithJavaClient(platform.topic(Topics.customersRaw), asLines(raw[c]), codec, platform.environment),
        produceWithJavaClient(platform.topic(Topics.customersFeatures), asLines(features[c]), codec, platform.environment),
      ]);
    }
    const all = KAFKA_CODECS.length * perCodec;
    await until(`${all} raw events stored`, async () => (await stored('J-RAW-')) === all);
    await until(`${all * 2} Java-produced customers scored`, async () => (await scored('J-')) === all * 2);
    await until(`${all} features events in training's copy`, async () => (await count(`${platform.schema('training')}.customer_features`, 'J-FEAT-')) === all);

    for (const codec of KAFKA_CODECS) {
      expect({ codec, stored: await stored(`J-RAW-${codec}-`), scored: await scored(`J-RAW-${codec}-`), featuresScored: await scored(`J-FEAT-${codec}-`) }).toEqual({
        codec,
        stored: perCodec,
        scored: perCodec,
        featuresScored: perCodec,
      });
    }
    for (const service of CONSUMING) expect({ service, status: (await probe(service, '/health/live')).status }).toEqual({ service, status: 200 });
  });

  it('should store and score the events sent before and after Kafka was down for 30 s, without restarting a service', async () => {
    const pids = CONSUMING.map((service) => platform.pid(service));
    const before = rawEvents('KB-before', 200, 60);
    const after = rawEvents('KB-after', 200, 61);
    await producer.send(platform.topic(Topics.customersRaw), before);
    const duringOutage = await outage('kafka');
    await producer.send(platform.topic(Topics.customersRaw), after);

    await until('the 400 events sent around the outage stored', async () => (await stored('KB-')) === 400, 180_000);
    await until('the 400 events sent around the outage scored', async () => (await scored('KB-')) === 400, 180_000);
    await until('every consumer ready again', allReady);

    expectNotReadyButLiveAndNotRestarted(duringOutage, pids);
  });
});
