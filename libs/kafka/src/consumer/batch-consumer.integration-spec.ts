import { dlqTopicFor } from '@seg/contracts';
import { createKafkaClient } from '../client/kafka-client';
import { consumerLag, deleteTopics, fetchCommittedOffsets } from '../admin/topic-admin';
import { provisionTopics } from '../admin/provision-topics';
import { KafkaProducer } from '../producer/kafka-producer';
import type { OutgoingMessage } from '../producer/outgoing-message';
import { readRecords, recordingKafkaLogger, testKafkaConfig, testTopicSpecs, uniqueSuffix, waitFor } from '../testing';
import { BatchConsumer, PermanentHandlerError, type BatchConsumerOptions, type ConsumerFailedError } from './batch-consumer';
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
  });

  afterEach(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await producer.disconnect();
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
    expect(consumers[0].progress()).toMatchObject({ handledRecords: 30, deadLetteredRecords: 0, state: 'running', error: null });
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

  it('should stop without committing and let the next member resume at the failed record when the handler fails permanently', async () => {
    const { topic, groupId } = await topicWith(1);
    await producer.send(topic, [event('C1', 0), event('C2', 1)]);
    const failures: ConsumerFailedError[] = [];
    let handlerCalls = 0;

    const failing = consumer({
      groupId,
      topics: topic,
      onFatalError: (error) => failures.push(error),
      handler: async () => {
        handlerCalls++;
        throw new PermanentHandlerError('segment table missing');
      },
    });
    await failing.start();
    await waitFor(() => failing.state === 'failed' && failures.length === 1, 'the consumer to fail');
    await failing.stop();

    expect(handlerCalls).toBe(1);
    expect(failures[0].position).toEqual({ topic, partition: 0, offset: '0' });
    expect(failures[0].message).toContain('handler failed after 1 attempt(s): segment table missing');
    expect(failing.progress().error).toBe(failures[0]);
    expect(await fetchCommittedOffsets(client, groupId, topic)).toEqual([{ topic, partition: 0, offset: null }]);

    const resumed: string[] = [];
    await consumer({ groupId, topics: topic, handler: async (records) => void resumed.push(...records.map((r) => r.value.id)) }).start();
    await waitFor(() => resumed.length >= 2, 'the replayed records');
    expect(resumed).toEqual(['C1', 'C2']);
  });
});
