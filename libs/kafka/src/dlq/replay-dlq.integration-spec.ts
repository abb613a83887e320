import type { KafkaMessage } from 'kafkajs';
import { createKafkaClient } from '../client/kafka-client';
import { deleteTopics, topicRecordCount } from '../admin/topic-admin';
import { provisionTopics } from '../admin/provision-topics';
import { BatchConsumer } from '../consumer/batch-consumer';
import { DlqHeaders, toTruncatedDeadLetterMessage } from '../consumer/dead-letter';
import type { ConsumedRecord } from '../consumer/decode-record';
import { KafkaProducer } from '../producer/kafka-producer';
import { readRecords, recordingKafkaLogger, testKafkaConfig, testTopicSpecs, uniqueSuffix, waitFor } from '../testing';
import { listDlq } from './list-dlq';
import { replayDlq, sentCount, type ReplayedRecord } from './replay-dlq';

interface Reading {
  readonly id: string;
  readonly value: number;
}

// Long enough for a stray record to arrive after the expected ones, if there were one.
const SETTLE_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

jest.setTimeout(90_000);

describe(replayDlq.name, () => {
  const client = createKafkaClient(testKafkaConfig(), recordingKafkaLogger());
  const suffix = uniqueSuffix();
  const [source, dlq] = testTopicSpecs(`it.dlq.${suffix}.readings.v1`, 2);
  const producer = new KafkaProducer(client);
  const stored: ConsumedRecord<Reading>[] = [];
  // The consumer's rule: a reading above the limit is refused. Raising the limit is the fix the replay follows.
  let limit = 10;
  const consumer = new BatchConsumer<Reading>(client, {
    groupId: `it-dlq-${suffix}`,
    topics: source.name,
    fromBeginning: true,
    validate: (value) => {
      const reading = value as Reading;
      if (typeof reading?.value !== 'number') throw new Error('value must be a number');
      if (reading.value > limit) throw new Error('value above the limit');
      return reading;
    },
    handler: async (records) => {
      stored.push(...records);
    },
  });
  const storedIds = () => stored.map((r) => r.value.id).sort();

  beforeAll(async () => {
    await provisionTopics(client, [source, dlq]);
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await producer.disconnect();
    await deleteTopics(client, [source.name, dlq.name]);
  });

  it('should list by reason, send fixed records back to be stored, and put a still-bad record in the DLQ once, never again on a later replay', async () => {
    await producer.send(source.name, [
      { key: 'fixed', value: { id: 'fixed', value: 50 } },
      { key: 'still-bad', value: { id: 'still-bad', value: 5_000 } },
      { key: 'ok', value: { id: 'ok', value: 1 } },
      { key: 'garbled', value: 'not JSON' },
    ]);
    await waitFor(async () => (await topicRecordCount(client, dlq.name)) === 3 && stored.length === 1, 'one record stored and three dead-lettered', 30_000);
    // Two records no replay can send: a truncated copy, and a record without dlq headers.
    const [original] = await readRecords(client, source.name, 1);
    await producer.send(dlq.name, [
      toTruncatedDeadLetterMessage({ ...original, headers: {}, timestamp: '0', attributes: 0 } as unknown as KafkaMessage, { topic: source.name, partition: 0, offset: '0', reason: 'too big', failedAt: new Date() }, 'MESSAGE_TOO_LARGE'),
      { key: 'stranger', value: '{}' },
    ]);

    const listed = await listDlq(client, dlq.name);
    expect(listed).toMatchObject({ topic: dlq.name, records: 5, truncated: 1, replays: 0, replayed: 0 });
    // By count, then the earliest first (a record without a rejection time before any).
    expect(listed.reasons.map((r) => [r.reason, r.count])).toEqual([
      ['validation failed: value above the limit', 2],
      ['(no dlq-reason header)', 1],
      [expect.stringMatching(/^invalid JSON/), 1],
      ['too big', 1],
    ]);
    expect((await listDlq(client, dlq.name, { selection: { reason: 'ABOVE' } })).records).toBe(2);

    // --partition/--from/--to: one DLQ record, read alone and reported, nothing sent.
    const stillBadCopy = (await readRecords(client, dlq.name, 5)).find((r) => String(r.key) === 'still-bad');
    if (!stillBadCopy) throw new Error('the still-bad record is not in the DLQ');
    const one = { partition: stillBadCopy.partition, from: BigInt(stillBadCopy.offset), to: BigInt(stillBadCopy.offset) };
    const picked: ReplayedRecord[] = [];
    const narrow = await replayDlq(client, dlq.name, { dryRun: true, selection: one, onRecord: (record) => picked.push(record) });
    expect(narrow).toMatchObject({ read: 1, selected: 1, sent: { [source.name]: 1 }, readTo: [{ partition: one.partition, offset: String(one.to + 1n) }] });
    expect(picked).toEqual([{ dlqPartition: one.partition, dlqOffset: stillBadCopy.offset, topic: source.name, partition: expect.any(Number), key: 'still-bad', reason: 'validation failed: value above the limit' }]);

    const dryRun = await replayDlq(client, dlq.name, { dryRun: true });
    await sleep(SETTLE_MS);
    expect(dryRun).toMatchObject({ read: 5, selected: 5, sent: { [source.name]: 3 }, skipped: { truncated: 1, 'no-original-topic': 1 } });
    expect(await topicRecordCount(client, source.name)).toBe(4);

    limit = 100;
    const replay = await replayDlq(client, dlq.name);
    expect(replay.sent).toEqual({ [source.name]: 3 });
    // The 5 and the two bad ones again (the replay's receipts are not records).
    await waitFor(async () => storedIds().includes('fixed') && (await listDlq(client, dlq.name)).records === 7, 'the fixed record stored, the two bad ones dead-lettered again', 30_000);
    const dlqRecords = await topicRecordCount(client, dlq.name);

    expect(storedIds()).toEqual(['fixed', 'ok']);
    const fixed = stored.find((r) => r.value.id === 'fixed');
    const fixedOriginal = (await readRecords(client, source.name, 4)).find((r) => String(r.key) === 'fixed');
    expect(fixed?.partition).toBe(fixedOriginal?.partition);
    expect(fixed?.headers).toMatchObject({ [DlqHeaders.replayedFrom]: expect.stringMatching(new RegExp(`^${dlq.name}/\\d/\\d+$`)), [DlqHeaders.replayCount]: '1' });
    const again = (await readRecords(client, dlq.name, dlqRecords)).filter((r) => r.headers[DlqHeaders.replayCount] === '1');
    expect(again.map((r) => String(r.key)).sort()).toEqual(['garbled', 'still-bad']);
    expect((await listDlq(client, dlq.name)).replayed).toBe(3);

    // Replaying again sends nothing: the fixed record was sent back, the others failed again and their copies were replayed once.
    const second = await replayDlq(client, dlq.name);
    await sleep(SETTLE_MS);
    expect(sentCount(second)).toBe(0);
    expect(second.skipped).toEqual({ truncated: 1, 'no-original-topic': 1, 'foreign-topic': 0, 'failed-again': 2, replayed: 1, 'replay-limit': 2 });
    expect(await topicRecordCount(client, dlq.name)).toBe(dlqRecords);
    expect(await topicRecordCount(client, source.name)).toBe(7);

    // Forced: the still-bad record's latest copy goes again; its original is represented by that copy, never sent twice.
    const stillBad = again.find((r) => String(r.key) === 'still-bad');
    const forced = await replayDlq(client, dlq.name, { force: true, selection: { reason: 'above the limit' } });
    expect(forced).toMatchObject({ selected: 3, sent: { [source.name]: 2 }, skipped: { 'failed-again': 1 } });
    await waitFor(async () => (await listDlq(client, dlq.name)).records === 8, 'the forced replay dead-lettered again', 30_000);
    const latest = (await readRecords(client, dlq.name, await topicRecordCount(client, dlq.name))).filter((r) => r.headers[DlqHeaders.replayCount] === '2');
    expect(latest.map((r) => [String(r.key), r.headers[DlqHeaders.replayedFrom]])).toEqual([['still-bad', `${dlq.name}/${stillBad?.partition}/${stillBad?.offset}`]]);
    // The fixed record, forced again, is stored again: the handler must be idempotent, as every handler is.
    await waitFor(() => stored.filter((r) => r.value.id === 'fixed').length === 2, 'the fixed record stored again', 30_000);
  });
});
