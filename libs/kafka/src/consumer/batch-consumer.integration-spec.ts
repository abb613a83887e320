import { randomBytes } from 'node:crypto';
import { dlqTopicFor } from '@seg/contracts';
import { CompressionCodecs, CompressionTypes, KafkaJSNonRetriableError } from 'kafkajs';
import { createKafkaClient } from '../client/kafka-client';
import { consumerLag, deleteTopics, fetchCommittedOffsets, withAdmin } from '../admin/topic-admin';
import { provisionTopics } from '../admin/provision-topics';
import { KafkaProducer } from '../producer/kafka-producer';
import type { OutgoingMessage } from '../producer/outgoing-message';
import { readRecords, recordingKafkaLogger, testKafkaConfig, testTopicSpecs, uniqueSuffix, waitFor } from '../testing';
import { BatchConsumer, PermanentHandlerError, type BatchConsumerOptions } from './batch-consumer';
import { DlqHeaders } from './dead-letter';
import type { ConsumedRecord } from './decode-record';

interface Event {
  readonly id: string;
  readonly seq: number;
}

const validateEvent = (value: unknown): Event => {
  const candidate = value as Partial<Event> | null;
  if (typeof candidate?.id !== 'string' || typeof candidate.seq !== 'number') throw new Error('id must be a string and seq a number');
  return { id: candidate.id, seq: candidate.seq };
};

const event = (id: string, seq: number): OutgoingMessage => ({ key: id, value: { id, seq } });

// Long enough for a stray record to arrive after the expected ones, if there were one.
const SETTLE_MS = 1_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The integration project's testTimeout is not applied by jest 30 to project entries; set it here.
jest.setTimeout(60_000);

describe(BatchConsumer.name, () => {
  const logger = recordingKafkaLogger();
  const client = createKafkaClient(testKafkaConfig(), logger);
  let producer: KafkaProducer;
  let gzipProducer: KafkaProducer;
  let topics: string[] = [];
  let consumers: BatchConsumer<Event>[] = [];

  async function topicWith(partitions: number): Promise<{ topic: string; groupId: string }> {
    const suffix = uniqueSuffix();
    const specs = testTopicSpecs(`it.consumer.${suffix}.events.v1`, partitions);
    topics.push(...specs.map((s) => s.name));
    await provisionTopics(client, specs);
    return { topic: specs[0].name, groupId: `it-consumer-${suffix}` };
  }

  function consumer(options: BatchConsumerOptions<Event>): BatchConsumer<Event> {
    const created = new BatchConsumer(client, { fromBeginning: true, validate: validateEvent, ...options });
    consumers.push(created);
    return created;
  }

  const totalCommitted = async (groupId: string, topic: string) =>
    (await fetchCommittedOffsets(client, groupId, topic)).reduce((sum, p) => sum + Number(p.offset ?? 0), 0);

  beforeEach(() => {
    producer = new KafkaProducer(client);
    gzipProducer = new KafkaProducer(client, { compression: 'gzip' });
  });

  afterEach(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await producer.disconnect();
    await gzipProducer.disconnect();
    await deleteTopics(client, topics);
    consumers = [];
    topics = [];
  });

  it('should hand over more than kafkajs fetches by default in one call when maxBytesPerPartition is raised', async () => {
    const { topic, groupId } = await topicWith(1);
    // 1,500 records of ~1 KB: 1.5 MB, more than the default 1 MiB fetch per partition.
    const padding = 'x'.repeat(1_000);
    for (let start = 0; start < 1_500; start += 500) {
      await producer.send(topic, Array.from({ length: 500 }, (_, i) => event(`${padding}${start + i}`, start + i)));
    }
    const firstBatchSize = async (group: string, maxBytesPerPartition?: number) => {
      const sizes: number[] = [];
      await consumer({ groupId: group, topics: topic, maxBatchSize: 5_000, maxBytesPerPartition, handler: async (records) => void sizes.push(records.length) }).start();
      await waitFor(() => sizes.reduce((sum, n) => sum + n, 0) >= 1_500, '1,500 records');
      return sizes[0];
    };

    expect(await firstBatchSize(groupId, 4 * 1_024 * 1_024)).toBe(1_500);
    expect(await firstBatchSize(`${groupId}-default`)).toBeLessThan(1_500);
  });

  it('should fill every partition handled at once from one fetch when their limits add up to more than kafkajs fetches in all', async () => {
    const { topic, groupId } = await topicWith(3);
    // 2,000 records of ~6 KB (the padded id is the key and in the value) over 3 partitions: ~12 MB, more than
    // kafkajs' 10 MiB per fetch, ~4 MB per partition.
    const padding = 'x'.repeat(3_000);
    for (let start = 0; start < 2_000; start += 100) {
      await producer.send(topic, Array.from({ length: 100 }, (_, i) => event(`${start + i}${padding}`, start + i)));
    }
    const firstBatch = new Map<number, number>();
    const handled = new Map<number, number>();
    await consumer({
      groupId,
      topics: topic,
      maxBatchSize: 5_000,
      maxBytesPerPartition: 6 * 1_024 * 1_024,
      partitionsConsumedConcurrently: 3,
      handler: async (records, { partition }) => {
        if (!firstBatch.has(partition)) firstBatch.set(partition, records.length);
        handled.set(partition, (handled.get(partition) ?? 0) + records.length);
      },
    }).start();
    await waitFor(() => [...handled.values()].reduce((sum, n) => sum + n, 0) >= 2_000, '2,000 records');

    expect(handled.size).toBe(3);
    expect(Object.fromEntries(firstBatch)).toEqual(Object.fromEntries(handled));
  });

  it('should deliver every record once, in batches, in order per key when produced to several partitions', async () => {
    const { topic, groupId } = await topicWith(3);
    const keys = ['C1', 'C2', 'C3', 'C4', 'C5'];
    for (let seq = 0; seq < 6; seq++) await producer.send(topic, keys.map((id) => event(id, seq)));
    const batches: ConsumedRecord<Event>[][] = [];
    const received = () => batches.flat();

    await consumer({ groupId, topics: topic, handler: async (records) => void batches.push(records) }).start();
    await waitFor(() => received().length >= 30, '30 records');
    await sleep(SETTLE_MS);

    expect(received()).toHaveLength(30);
    expect(batches.length).toBeLessThan(30);
    for (const id of keys) {
      expect(received().filter((r) => r.key === id).map((r) => r.value.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    }
    expect(await totalCommitted(groupId, topic)).toBe(30);
    expect(consumers[0].progress()).toMatchObject({ handledRecords: 30, deadLetteredRecords: 0, state: 'running', stall: null });
  });

  it('should hand a tombstone to the handler as null in its place among the records when tombstones are asked for, and dead-letter it otherwise', async () => {
    const { topic, groupId } = await topicWith(1);
    await producer.send(topic, [event('C1', 1), { key: 'C1', value: null }, event('C2', 1)]);
    const received: (Event | null)[] = [];
    const withTombstones = new BatchConsumer<Event | null>(client, {
      groupId,
      topics: topic,
      fromBeginning: true,
      tombstones: true,
      validate: validateEvent,
      handler: async (records) => void received.push(...records.map((r) => r.value)),
    });
    consumers.push(withTombstones as BatchConsumer<Event>);
    await withTombstones.start();
    await waitFor(() => received.length >= 3, '3 records');
    expect(received).toEqual([{ id: 'C1', seq: 1 }, null, { id: 'C2', seq: 1 }]);

    const validated: Event[] = [];
    await consumer({ groupId: `${groupId}-validated`, topics: topic, handler: async (records) => void validated.push(...records.map((r) => r.value)) }).start();
    await waitFor(() => validated.length >= 2, '2 records');
    const dlq = await readRecords(client, dlqTopicFor(topic), 1);
    expect(validated).toEqual([{ id: 'C1', seq: 1 }, { id: 'C2', seq: 1 }]);
    expect(dlq.map((r) => [r.key?.toString(), r.value === null || r.value.length === 0])).toEqual([['C1', true]]);
  });

  it('should report the whole topic as lag before a group commits and zero once it has caught up', async () => {
    const { topic, groupId } = await topicWith(2);
    await producer.send(topic, ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'].map((id) => event(id, 0)));
    expect(await consumerLag(client, groupId, topic)).toBe(7);

    await consumer({ groupId, topics: topic, handler: async () => undefined }).start();
    await waitFor(async () => (await totalCommitted(groupId, topic)) === 7, 'all 7 offsets committed');
    expect(await consumerLag(client, groupId, topic)).toBe(0);

    await producer.send(topic, [event('C8', 1)]);
    await waitFor(async () => (await consumerLag(client, groupId, topic)) === 0, 'the new record committed');
    expect(await totalCommitted(groupId, topic)).toBe(8);
  });

  it('should send invalid JSON and invalid records to the DLQ with the reason, and go on when a batch has poison records', async () => {
    const { topic, groupId } = await topicWith(1);
    const notJson = Buffer.from('{"id":"C2",');
    await producer.send(topic, [
      event('C1', 0),
      { key: 'C2', value: notJson, headers: { source: 'partner' } },
      event('C3', 0),
      { key: 'C4', value: { id: 'C4', seq: 'three' } },
      event('C5', 0),
    ]);
    const received: ConsumedRecord<Event>[] = [];

    const batchConsumer = consumer({ groupId, topics: [topic], handler: async (records) => void received.push(...records) });
    await batchConsumer.start();
    await waitFor(async () => (await totalCommitted(groupId, topic)) === 5, 'all 5 offsets committed');
    const dlq = await readRecords(client, dlqTopicFor(topic), 2);

    expect(received.map((r) => [r.key, r.offset])).toEqual([
      ['C1', '0'],
      ['C3', '2'],
      ['C5', '4'],
    ]);
    expect(dlq.map((r) => [r.key?.toString(), r.headers['dlq-original-offset']])).toEqual([
      ['C2', '1'],
      ['C4', '3'],
    ]);
    expect(dlq[0].value).toEqual(notJson);
    expect(dlq[0].headers).toMatchObject({ source: 'partner', 'dlq-original-topic': topic, 'dlq-original-partition': '0' });
    expect(dlq[0].headers['dlq-reason']).toMatch(/^invalid JSON: /);
    expect(Date.parse(dlq[0].headers['dlq-failed-at'])).not.toBeNaN();
    expect(JSON.parse(dlq[1].value?.toString() ?? '')).toEqual({ id: 'C4', seq: 'three' });
    expect(dlq[1].headers['dlq-reason']).toBe('validation failed: id must be a string and seq a number');
    expect(batchConsumer.progress()).toMatchObject({ handledRecords: 3, deadLetteredRecords: 2 });
  });

  it('should neither lose nor repeat a committed record when a consumer of the group restarts', async () => {
    const { topic, groupId } = await topicWith(3);
    const first = Array.from({ length: 6 }, (_, i) => event(`A${i}`, i));
    const second = Array.from({ length: 4 }, (_, i) => event(`B${i}`, i));
    const receivedByFirst: string[] = [];
    const receivedBySecond: string[] = [];
    await producer.send(topic, first);

    const firstConsumer = consumer({ groupId, topics: topic, handler: async (records) => void receivedByFirst.push(...records.map((r) => r.value.id)) });
    await firstConsumer.start();
    await waitFor(() => receivedByFirst.length >= 6, 'the first 6 records');
    await firstConsumer.stop();
    expect(firstConsumer.state).toBe('stopped');
    expect(await totalCommitted(groupId, topic)).toBe(6);

    await producer.send(topic, second);
    await consumer({ groupId, topics: topic, handler: async (records) => void receivedBySecond.push(...records.map((r) => r.value.id)) }).start();
    await waitFor(() => receivedBySecond.length >= 4, 'the 4 new records');
    await sleep(SETTLE_MS);

    expect(receivedByFirst.sort()).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5']);
    expect(receivedBySecond.sort()).toEqual(['B0', 'B1', 'B2', 'B3']);
    expect(await totalCommitted(groupId, topic)).toBe(10);
  });

  it('should retry a transient handler error and commit only after the successful call when the handler throws once', async () => {
    const { topic, groupId } = await topicWith(1);
    await producer.send(topic, Array.from({ length: 5 }, (_, i) => event(`C${i}`, i)));
    const calls: { attempt: number; offsets: string[]; committedDuringCall: (string | null)[] }[] = [];

    await consumer({
      groupId,
      topics: topic,
      retry: { retries: 3, initialMs: 100, maxMs: 400 },
      handler: async (records, { attempt }) => {
        const committed = await fetchCommittedOffsets(client, groupId, topic);
        calls.push({ attempt, offsets: records.map((r) => r.offset), committedDuringCall: committed.map((c) => c.offset) });
        if (calls.length === 1) throw new Error('database unavailable');
      },
    }).start();
    await waitFor(async () => (await totalCommitted(groupId, topic)) === 5, 'all 5 offsets committed');
    await sleep(SETTLE_MS);

    const allOffsets = ['0', '1', '2', '3', '4'];
    expect(calls).toEqual([
      { attempt: 0, offsets: allOffsets, committedDuringCall: [null] },
      { attempt: 1, offsets: allOffsets, committedDuringCall: [null] },
    ]);
    expect(logger.entries.some((e) => e.level === 'warn' && e.message.includes('retry 1/3'))).toBe(true);
  });

  it('should keep retrying past the quick retries, report itself not ready but live meanwhile, and resume without a restart when the handler stops failing', async () => {
    const { topic, groupId } = await topicWith(1);
    await producer.send(topic, Array.from({ length: 4 }, (_, i) => event(`C${i}`, i)));
    let failing = true;
    const attempts: number[] = [];
    const received: string[] = [];

    const batchConsumer = consumer({
      groupId,
      topics: topic,
      // Quick retries over in ~0.3 s; the handler then fails for ~3 s more, far past them.
      retry: { retries: 2, initialMs: 100, maxMs: 500 },
      handler: async (records, { attempt }) => {
        attempts.push(attempt);
        if (failing) throw new Error('database unavailable');
        received.push(...records.map((r) => r.value.id));
      },
    });
    await batchConsumer.start();
    await waitFor(() => attempts.length >= 5, 'the handler to fail past its quick retries');
    const whileFailing = batchConsumer.health();
    const stallWhileFailing = batchConsumer.progress().stall;
    await sleep(2_000);
    failing = false;
    await waitFor(async () => (await totalCommitted(groupId, topic)) === 4, 'all 4 offsets committed', 30_000);

    expect(whileFailing).toMatchObject({ state: 'running', ready: false, live: true });
    expect(whileFailing.reason).toBe(`handler failing on ${topic}[0] from offset 0: database unavailable`);
    expect(Date.parse(whileFailing.stalledSince ?? '')).toBe(stallWhileFailing?.since.getTime());
    expect(attempts.length).toBeGreaterThan(6);
    expect(received).toEqual(['C0', 'C1', 'C2', 'C3']);
    expect(batchConsumer.health()).toMatchObject({ state: 'running', ready: true, live: true, stalledSince: null, reason: null });
    expect(batchConsumer.progress()).toMatchObject({ handledRecords: 4, deadLetteredRecords: 0, stall: null });
    expect(logger.entries.some((e) => e.level === 'error' && e.message.includes('the consumer is stalled'))).toBe(true);
  });

  it('should send only the records that fail permanently to the DLQ, found by halving the batch, and handle the others in order', async () => {
    const { topic, groupId } = await topicWith(1);
    await producer.send(topic, Array.from({ length: 7 }, (_, i) => event(`C${i}`, i)));
    const handled: string[] = [];
    const calls: number[] = [];

    const batchConsumer = consumer({
      groupId,
      topics: topic,
      handler: async (records) => {
        calls.push(records.length);
        if (records.some((r) => r.value.id === 'C2' || r.value.id === 'C5')) throw new PermanentHandlerError(`no segment for ${records.length} customer(s)`);
        handled.push(...records.map((r) => r.value.id));
      },
    });
    await batchConsumer.start();
    await waitFor(async () => (await totalCommitted(groupId, topic)) === 7, 'all 7 offsets committed');
    const dlq = await readRecords(client, dlqTopicFor(topic), 2);

    expect(handled).toEqual(['C0', 'C1', 'C3', 'C4', 'C6']);
    expect(dlq.map((r) => [r.key?.toString(), r.headers[DlqHeaders.originalOffset], r.headers[DlqHeaders.reason]])).toEqual([
      ['C2', '2', 'handler failed permanently: no segment for 1 customer(s)'],
      ['C5', '5', 'handler failed permanently: no segment for 1 customer(s)'],
    ]);
    expect(JSON.parse(dlq[0].value?.toString() ?? '')).toEqual({ id: 'C2', seq: 2 });
    // Halving 7 records down to the two failing ones: no call repeats a batch that succeeded.
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(batchConsumer.progress()).toMatchObject({ handledRecords: 5, deadLetteredRecords: 2, stall: null });
  });

  it('should send a 2 MB gzip-compressed invalid record to the DLQ whole and go on with the next record', async () => {
    const { topic, groupId } = await topicWith(1);
    const poison = Buffer.from(JSON.stringify({ id: 'P1', seq: 'not a number', notes: 'n'.repeat(2 * 1_024 * 1_024) }));
    await gzipProducer.send(topic, [{ key: 'P1', value: poison }, event('C1', 1)]);
    const received: string[] = [];

    const batchConsumer = consumer({ groupId, topics: topic, handler: async (records) => void received.push(...records.map((r) => r.value.id)) });
    await batchConsumer.start();
    await waitFor(async () => (await totalCommitted(groupId, topic)) === 2, 'both offsets committed');
    const [dead] = await readRecords(client, dlqTopicFor(topic), 1);

    expect(received).toEqual(['C1']);
    // Buffer#equals: jest's deep equality walks 2 MB byte by byte for tens of seconds.
    expect(dead.value?.equals(poison)).toBe(true);
    expect(dead.headers).toMatchObject({ [DlqHeaders.reason]: 'validation failed: id must be a string and seq a number', [DlqHeaders.originalOffset]: '0' });
    expect(dead.headers).not.toHaveProperty(DlqHeaders.truncated);
    expect(batchConsumer.health()).toMatchObject({ ready: true, live: true });
  });

  it('should send a truncated copy with the coordinates and the original size to the DLQ when the broker refuses even the compressed copy', async () => {
    const suffix = uniqueSuffix();
    const [source, dlqSpec] = testTopicSpecs(`it.consumer.${suffix}.large.v1`, 1);
    topics.push(source.name, dlqSpec.name);
    // The source topic takes 3 MB records; its DLQ keeps the broker's default of 1 MB.
    await withAdmin(client, (admin) =>
      admin.createTopics({ waitForLeaders: true, topics: [{ topic: source.name, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: String(3 * 1_024 * 1_024) }] }] }),
    );
    await provisionTopics(client, [dlqSpec]);
    // 2 MB of random base64: gzip brings it to ~1.5 MB, still over the DLQ's limit.
    const poison = Buffer.from(randomBytes(1_536 * 1_024).toString('base64'));
    await producer.send(source.name, [{ key: 'P1', value: poison, headers: { source: 'partner' } }, event('C1', 1)]);
    const received: string[] = [];

    await consumer({ groupId: `it-consumer-${suffix}`, topics: source.name, handler: async (records) => void received.push(...records.map((r) => r.value.id)) }).start();
    await waitFor(async () => (await totalCommitted(`it-consumer-${suffix}`, source.name)) === 2, 'both offsets committed');
    const [dead] = await readRecords(client, dlqSpec.name, 1);

    expect(received).toEqual(['C1']);
    expect(dead.key?.toString()).toBe('P1');
    expect(dead.value).toEqual(poison.subarray(0, 16 * 1_024));
    expect(dead.headers).toMatchObject({
      [DlqHeaders.originalTopic]: source.name,
      [DlqHeaders.originalPartition]: '0',
      [DlqHeaders.originalOffset]: '0',
      [DlqHeaders.originalSize]: String(poison.length),
    });
    expect(dead.headers[DlqHeaders.reason]).toMatch(/^invalid JSON: /);
    expect(dead.headers[DlqHeaders.truncated]).toMatch(/^the broker refused the whole record \(MESSAGE_TOO_LARGE: .+\): value cut to its first 16384 of \d+ bytes, 1 original header\(s\) dropped$/);
    expect(dead.headers).not.toHaveProperty('source');
  });

  it('should restart kafkajs and go on, reporting the stall meanwhile, when kafkajs stops on an error it does not retry', async () => {
    const { topic, groupId } = await topicWith(1);
    await gzipProducer.send(topic, [event('C1', 1), event('C2', 2)]);
    const received: string[] = [];
    // A batch kafkajs cannot decode, once: it gives up on such errors (a missing codec was one) and never restarts.
    const gzip = CompressionCodecs[CompressionTypes.GZIP];
    let failures = 0;
    CompressionCodecs[CompressionTypes.GZIP] = () => ({
      ...gzip(),
      decompress: async (buffer: Buffer) => {
        if (failures++ === 0) throw new KafkaJSNonRetriableError('undecodable batch');
        return gzip().decompress(buffer);
      },
    });
    const stalls: (string | null)[] = [];

    try {
      const batchConsumer = consumer({ groupId, topics: topic, retry: { retries: 1, initialMs: 100, maxMs: 500 }, handler: async (records) => void received.push(...records.map((r) => r.value.id)) });
      batchConsumer.start().catch(() => undefined);
      await waitFor(() => {
        stalls.push(batchConsumer.health().reason);
        return received.length === 2;
      }, 'both records after the restart');

      expect(received).toEqual(['C1', 'C2']);
      expect(stalls).toContain('kafkajs crashed: undecodable batch');
      expect(batchConsumer.health()).toMatchObject({ state: 'running', ready: true, live: true });
      expect(logger.entries.some((e) => e.level === 'error' && e.message.includes('stopped consuming (undecodable batch); restarting it in'))).toBe(true);
    } finally {
      CompressionCodecs[CompressionTypes.GZIP] = gzip;
    }
  });

  it('should report itself not live while a handler call shows no sign of work for longer than the liveness timeout, and live once it returns', async () => {
    const { topic, groupId } = await topicWith(1);
    await producer.send(topic, [event('C1', 1)]);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;

    const batchConsumer = consumer({
      groupId,
      topics: topic,
      livenessTimeoutMs: 1_000,
      handler: async () => {
        calls++;
        await released;
      },
    });
    await batchConsumer.start();
    await waitFor(() => calls === 1, 'the handler call');
    await sleep(1_500);
    const wedged = batchConsumer.health();
    release();
    await waitFor(async () => (await totalCommitted(groupId, topic)) === 1, 'the offset committed');

    expect(wedged).toMatchObject({ state: 'running', live: false, ready: false });
    expect(wedged.reason).toMatch(/^no sign of work for \d+ s$/);
    expect(batchConsumer.health()).toMatchObject({ live: true, ready: true });
  });

  it('should report itself not live when a partition has lag and nothing is committed for longer than the progress timeout, though it keeps heartbeating', async () => {
    const { topic, groupId } = await topicWith(1);
    await producer.send(topic, [event('C1', 1), event('C2', 2), event('C3', 3)]);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));

    const batchConsumer = consumer({
      groupId,
      topics: topic,
      livenessTimeoutMs: 60_000,
      progressTimeoutMs: 1_500,
      lagProbeIntervalMs: 300,
      // A handler that waits on something that never comes while heartbeating: signs of work, no progress.
      handler: async (_records, { heartbeat }) => {
        while (!(await Promise.race([released.then(() => true), sleep(200).then(() => false)]))) await heartbeat();
      },
    });
    await batchConsumer.start();
    await waitFor(() => !batchConsumer.health().live, 'the consumer called not live', 15_000);
    const wedged = batchConsumer.health();
    const lag = batchConsumer.progress().partitions;
    release();
    await waitFor(async () => (await totalCommitted(groupId, topic)) === 3, 'the offsets committed');

    expect(wedged).toMatchObject({ state: 'running', live: false, ready: false });
    expect(wedged.reason).toMatch(new RegExp(`^lag of 3 on ${topic.replace(/\./g, '\\.')}\\[0\\] and no progress for \\d+ s$`));
    expect(lag).toEqual([expect.objectContaining({ topic, partition: 0, lag: 3, assigned: true })]);
    expect(batchConsumer.health()).toMatchObject({ live: true, ready: true });
    expect(batchConsumer.progress().partitions).toEqual([expect.objectContaining({ lag: 0, committedOffset: '3', highWatermark: '3' })]);
  });

  it('should tell its observer of each handled batch, each DLQ reason and each group join, once per batch', async () => {
    const { topic, groupId } = await topicWith(1);
    await producer.send(topic, [event('C1', 1), { key: 'bad-json', value: '{"id":' }, { key: 'bad-event', value: { id: 7 } }, event('C2', 2)]);
    const batches: number[] = [];
    const rejected: string[] = [];
    let joins = 0;

    const batchConsumer = consumer({
      groupId,
      topics: topic,
      handler: async () => undefined,
      observer: {
        batchHandled: (batch) => void batches.push(batch.records),
        deadLettered: (records) => void rejected.push(`${records.kind}:${records.records}`),
        rebalanced: () => void joins++,
      },
    });
    await batchConsumer.start();
    await waitFor(() => batches.reduce((sum, n) => sum + n, 0) === 4, 'the four records');

    expect(rejected.sort()).toEqual(['invalid-json:1', 'invalid-record:1']);
    expect(joins).toBe(1);
    expect(batchConsumer.progress()).toMatchObject({ handledRecords: 2, deadLetteredRecords: 2, rebalances: 1 });
  });
});
