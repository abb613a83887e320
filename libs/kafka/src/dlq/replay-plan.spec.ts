import type { KafkaMessage } from 'kafkajs';
import { buildDlqHeaders, DlqHeaders, toDeadLetterMessage, toTruncatedDeadLetterMessage } from '../consumer/dead-letter';
import { encodeValue, type OutgoingMessage } from '../producer/outgoing-message';
import { dlqEntryRef, isSelected, NO_REASON, toDlqEntry, toReplayReceipt } from './dlq-entry';
import { MAX_REPLAYS, planReplay, replayHeaders } from './replay-plan';
import { replayRanges } from './replay-dlq';

const DLQ = 'customers.raw.dlq.v1';
const letter = { topic: 'customers.raw.v1', partition: 2, offset: '41', reason: 'validation failed: BALANCE: -1 is below the minimum 0', failedAt: new Date('2026-01-31T12:00:00.000Z') };
const original = { key: Buffer.from('C1'), value: Buffer.from('{"customerId":"C1"}'), headers: { traceparent: Buffer.from('00-abc-def-01') }, offset: '41', timestamp: '0', attributes: 0 } as unknown as KafkaMessage;

/** A DLQ record as the consumer writes it and kafkajs fetches it back: header values as Buffers. */
function fetched(offset: string, message: OutgoingMessage): KafkaMessage {
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, Buffer.isBuffer(value) ? value : Buffer.from(String(value))]));
  const value = encodeValue(message.value);
  return { key: message.key === null ? null : Buffer.from(message.key), value: value === null ? null : Buffer.from(value), headers, offset, timestamp: '0', attributes: 0 } as unknown as KafkaMessage;
}

const dlqEntry = (offset = '7', message: KafkaMessage = original) => toDlqEntry(1, fetched(offset, toDeadLetterMessage(message, letter)));
const noContext = { dlqTopic: DLQ, superseded: new Set<string>(), replayed: new Set<string>(), force: false };

describe(toDlqEntry.name, () => {
  it('should read the reason, the original coordinates and no replay when the consumer dead-lettered a record', () => {
    expect(dlqEntry()).toMatchObject({
      partition: 1,
      offset: '7',
      reason: letter.reason,
      originalTopic: 'customers.raw.v1',
      originalPartition: 2,
      originalOffset: '41',
      failedAt: '2026-01-31T12:00:00.000Z',
      truncated: false,
      replayCount: 0,
      replayedFrom: null,
      receipt: null,
    });
  });

  it('should read the refs of a replay receipt, which no selection picks', () => {
    const receipt = toDlqEntry(0, fetched('9', toReplayReceipt([`${DLQ}/1/7`, `${DLQ}/0/2`], new Date('2026-02-01T00:00:00Z'))));
    expect(receipt.receipt).toEqual([`${DLQ}/1/7`, `${DLQ}/0/2`]);
    expect(isSelected(receipt, {})).toBe(false);
    expect(toDlqEntry(0, fetched('9', { key: null, value: Buffer.from('{oops'), headers: { [DlqHeaders.replayReceipt]: '1' } })).receipt).toEqual([]);
  });

  it('should say a record without dlq headers has no reason and no original topic', () => {
    expect(toDlqEntry(0, fetched('3', { key: null, value: Buffer.from('x') }))).toMatchObject({ reason: NO_REASON, originalTopic: null, originalPartition: null, replayCount: 0 });
  });
});

describe(isSelected.name, () => {
  it('should pick by a case-insensitive part of the reason, the partition and inclusive offsets', () => {
    const entry = dlqEntry('7');
    expect(isSelected(entry, {})).toBe(true);
    expect(isSelected(entry, { reason: 'below THE minimum' })).toBe(true);
    expect(isSelected(entry, { reason: 'invalid JSON' })).toBe(false);
    expect(isSelected(entry, { partition: 1, from: 7n, to: 7n })).toBe(true);
    expect(isSelected(entry, { partition: 0 })).toBe(false);
    expect(isSelected(entry, { from: 8n })).toBe(false);
    expect(isSelected(entry, { to: 6n })).toBe(false);
  });
});

describe(planReplay.name, () => {
  it('should send the original key, value bytes, headers and partition back to the original topic, marked as a replay', () => {
    const decision = planReplay(dlqEntry('7'), noContext);

    expect(decision).toEqual({
      send: true,
      topic: 'customers.raw.v1',
      message: {
        key: Buffer.from('C1'),
        value: Buffer.from('{"customerId":"C1"}'),
        partition: 2,
        headers: { traceparent: Buffer.from('00-abc-def-01'), [DlqHeaders.replayedFrom]: `${DLQ}/1/7`, [DlqHeaders.replayCount]: '1' },
      },
    });
  });

  it('should skip a replay that failed again, unless forced, and a DLQ record that a later one replaces, even forced', () => {
    const replayed = planReplay(dlqEntry('7'), noContext);
    if (!replayed.send) throw new Error('expected a send');
    // The consumer rejects the replayed record again: its DLQ copy keeps the replay headers.
    const again = dlqEntry('12', { ...original, headers: replayed.message.headers } as unknown as KafkaMessage);
    expect(again).toMatchObject({ replayCount: MAX_REPLAYS, replayedFrom: `${DLQ}/1/7` });

    const superseded = new Set([again.replayedFrom as string]);
    expect(planReplay(again, { ...noContext, superseded })).toEqual({ send: false, skip: 'replay-limit' });
    expect(planReplay(dlqEntry('7'), { ...noContext, superseded })).toEqual({ send: false, skip: 'failed-again' });
    expect(planReplay(dlqEntry('7'), { ...noContext, superseded, force: true })).toEqual({ send: false, skip: 'failed-again' });
    const forced = planReplay(again, { ...noContext, superseded, force: true });
    expect(forced.send && forced.message.headers).toMatchObject({ [DlqHeaders.replayedFrom]: `${DLQ}/1/12`, [DlqHeaders.replayCount]: '2' });
  });

  it('should skip a record a receipt names unless forced', () => {
    const replayed = new Set([`${DLQ}/1/7`]);
    expect(planReplay(dlqEntry('7'), { ...noContext, replayed })).toEqual({ send: false, skip: 'replayed' });
    expect(planReplay(dlqEntry('7'), { ...noContext, replayed, force: true }).send).toBe(true);
    expect(planReplay(dlqEntry('8'), { ...noContext, replayed }).send).toBe(true);
  });

  it('should skip truncated copies, records without an original topic and records of another topic', () => {
    const truncated = toDlqEntry(0, fetched('1', toTruncatedDeadLetterMessage(original, letter, 'MESSAGE_TOO_LARGE')));
    expect(planReplay(truncated, noContext)).toEqual({ send: false, skip: 'truncated' });
    expect(planReplay(toDlqEntry(0, fetched('2', { key: 'C1', value: Buffer.from('{}') })), noContext)).toEqual({ send: false, skip: 'no-original-topic' });
    const foreign = toDlqEntry(0, fetched('3', { key: 'C1', value: Buffer.from('{}'), headers: buildDlqHeaders({ ...letter, topic: 'models.promoted.v1' }) }));
    expect(planReplay(foreign, noContext)).toEqual({ send: false, skip: 'foreign-topic' });
  });
});

describe(replayHeaders.name, () => {
  it('should drop every dlq header of the copy and keep repeated original headers', () => {
    const entry = dlqEntry('7', { ...original, headers: { tag: [Buffer.from('a'), Buffer.from('b')] } } as unknown as KafkaMessage);
    const headers = replayHeaders({ ...entry, headers: { ...entry.headers, tag: [Buffer.from('a'), Buffer.from('b')] } }, DLQ);
    expect(Object.keys(headers).sort()).toEqual([DlqHeaders.replayCount, DlqHeaders.replayedFrom, 'tag']);
    expect(headers.tag).toEqual([Buffer.from('a'), Buffer.from('b')]);
    expect(dlqEntryRef(DLQ, entry)).toBe(`${DLQ}/1/7`);
  });
});

describe(replayRanges.name, () => {
  const ranges = [
    { partition: 0, start: 0n, end: 10n },
    { partition: 1, start: 4n, end: 6n },
  ];

  it('should narrow the ranges to the partition and the inclusive offsets asked for, never widening them', () => {
    expect(replayRanges(ranges, {})).toEqual(ranges);
    expect(replayRanges(ranges, { partition: 1 })).toEqual([ranges[1]]);
    expect(replayRanges(ranges, { from: 5n, to: 7n })).toEqual([
      { partition: 0, start: 5n, end: 8n },
      { partition: 1, start: 5n, end: 6n },
    ]);
    expect(replayRanges(ranges, { from: 8n })[1]).toEqual({ partition: 1, start: 8n, end: 6n });
  });
});
