import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Topics } from '@seg/contracts';
import { consumerLag, KafkaProducer } from '@seg/kafka';
import { waitFor, type GatewayClient } from '@seg/platform-client';
import { rawEvents } from './support/events';
import { IsolatedPlatform, REAL_DATA, REAL_ROWS, ROOT } from '@seg/platform-client/testing';

const ERASED = ['C10001', 'C10002'];
const ERASE_CLI = join(ROOT, 'libs', 'platform-client', 'src', 'cli', 'erase.ts');

jest.setTimeout(600_000);

describe('the right to erasure, end to end on the real stack', () => {
  const platform = new IsolatedPlatform();
  let admin: GatewayClient;
  let dir: string;

  /** Where the erased ids are still held, per service table (ids only: a count per table). */
  const holdings = async () => {
    const count = async (schema: string, table: string) =>
      Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table} WHERE customer_id = ANY($1)`, [ERASED]))[0].n);
    return {
      'ingestion.customers': await count(platform.schema('ingestion'), 'customers'),
      'training.customer_features': await count(platform.schema('training'), 'customer_features'),
      'scoring.customer_features': await count(platform.schema('scoring'), 'customer_features'),
      'scoring.assignments': await count(platform.schema('scoring'), 'assignments'),
      'scoring.segment_history': await count(platform.schema('scoring'), 'segment_history'),
    };
  };
  const none = { 'ingestion.customers': 0, 'training.customer_features': 0, 'scoring.customer_features': 0, 'scoring.assignments': 0, 'scoring.segment_history': 0 };
  const rowsOf = async (schema: string, table: string) => Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table}`))[0].n);
  const caughtUp = async (kafka: ReturnType<IsolatedPlatform['kafka']>, groupId: string, topic: string) =>
    waitFor(`${groupId} on ${topic}`, async () => {
      const lag = await consumerLag(kafka, groupId, platform.topic(topic));
      return { done: lag === 0, status: `${lag} behind` };
    }, { timeoutSeconds: 300, log: () => undefined });

  beforeAll(async () => {
    if (!existsSync(REAL_DATA)) throw new Error(`The real data is needed at ${REAL_DATA} (see data/README.md)`);
    dir = await mkdtemp(join(tmpdir(), 'e2e-erasure-'));
    await platform.start();
    await platform.flow.ingest(REAL_DATA);
    admin = await platform.flow.gateway('admin');
    await platform.flow.train(admin);
    await platform.flow.scored(admin, REAL_ROWS);
  }, 900_000);

  afterAll(async () => {
    await platform.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('should erase the customers of a file everywhere with npm run erase, keep them erased through a replay of both topics, and train without them', async () => {
    expect(Object.values(await holdings()).every((n) => n > 0)).toBe(true);
    const file = join(dir, 'ids.txt');
    await writeFile(file, `# erasure requests of the week\n${ERASED[0]}\n\n${ERASED[1]}\n${ERASED[0]}\n`);
    const env = { ...platform.environment, SEG_TOKEN: await platform.flow.token('admin', 'dpo'), SEG_GATEWAY_URL: platform.url('gateway') };
    const run = () => promisify(execFile)(process.execPath, ['-r', '@swc-node/register', ERASE_CLI, '--file', file, '--reason', 'GDPR art. 17 request'], { cwd: ROOT, env, encoding: 'utf8' });

    const first = await run();
    expect(JSON.parse(first.stdout)).toEqual({ done: 2, total: 2, erased: 2, alreadyErased: 0 });
    expect(first.stderr).toContain('erasing 2 customer(s) (1 duplicate line(s) skipped)');
    expect(first.stderr).toContain('2/2 done: 2 erased now, 0 erased before');
    await waitFor('the customers erased in every service', async () => {
      const held = await holdings();
      return { done: Object.values(held).every((n) => n === 0), status: JSON.stringify(held) };
    }, { timeoutSeconds: 120, log: () => undefined });
    // The audit names them by hash only, with who and why; a second run changes nothing.
    const audit = await platform.sql<{ id_hash: string; erased_by: string; reason: string }>(`SELECT id_hash::text, erased_by, reason FROM ${platform.schema('ingestion')}.erasure_audit`);
    expect(audit.map((a) => [a.erased_by, a.reason])).toEqual([['dpo', 'GDPR art. 17 request'], ['dpo', 'GDPR art. 17 request']]);
    expect(JSON.stringify(audit)).not.toMatch(/C1000[12]/);
    expect(JSON.parse((await run()).stdout)).toEqual({ done: 2, total: 2, erased: 0, alreadyErased: 2 });

    // A replay: training and scoring read both topics again from the start in new consumer groups (the customers'
    // original records included), and an external system sends one of them again as a raw event.
    const groups = { TRAINING_CONSUMER_GROUP: `${platform.environment.TRAINING_CONSUMER_GROUP}-replay`, SCORING_CONSUMER_GROUP: `${platform.environment.SCORING_CONSUMER_GROUP}-replay` };
    for (const service of ['training', 'scoring'] as const) await platform.stopService(service);
    Object.assign(platform.environment, groups);
    for (const service of ['training', 'scoring'] as const) await platform.startService(service);
    const producer = new KafkaProducer(platform.kafka());
    const [again] = rawEvents('unused', 1, 17);
    await producer.send(platform.topic(Topics.customersRaw), [{ key: ERASED[0], value: { ...(again.value as object), customerId: ERASED[0] } }]);
    await producer.disconnect();
    for (const [group, topic] of [
      [groups.TRAINING_CONSUMER_GROUP, Topics.customersFeatures],
      [`${groups.TRAINING_CONSUMER_GROUP}-erasures`, Topics.customersErased],
      [groups.SCORING_CONSUMER_GROUP, Topics.customersFeatures],
      [`${groups.SCORING_CONSUMER_GROUP}-erasures`, Topics.customersErased],
      [platform.environment.INGESTION_CONSUMER_GROUP as string, Topics.customersRaw],
    ]) await caughtUp(platform.kafka(), group, topic);

    expect(await holdings()).toEqual(none);
    expect(await rowsOf(platform.schema('training'), 'customer_features')).toBe(REAL_ROWS - ERASED.length);

    const next = await platform.flow.train(admin);
    const [{ rows }] = await platform.sql<{ rows: number }>(
      `SELECT (bundle -> 'trainingData' ->> 'rows')::int AS rows FROM ${platform.schema('training')}.model_versions WHERE version = $1`,
      [next.modelVersion],
    );
    expect(rows).toBe(REAL_ROWS - ERASED.length);
  });
});
