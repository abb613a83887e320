import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { OutgoingMessage } from '../producer/outgoing-message';

export const DlqHeaders = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
  /** Only on a truncated copy: the original value's size in bytes. */
  originalSize: 'dlq-original-size',
  /** Only on a truncated copy: why and what was cut. */
  truncated: 'dlq-truncated',
  /**
   * Set by `npm run dlq -- replay` on the record it sends back: `<dlq topic>/<partition>/<offset>` of the DLQ copy.
   * A consumer keeps a record's headers when it dead-letters it, so a replay that fails again says which copy it replaces.
   */
  replayedFrom: 'dlq-replayed-from',
  /** Set by the replay with `replayedFrom`: how many times the record was replayed; the replay stops at 1 unless forced. */
  replayCount: 'dlq-replay-count',
  /** On a receipt the replay appends to the DLQ (not a rejected record): how many DLQ records it sent back. */
  replayReceipt: 'dlq-replay-receipt',
} as const;

// A validation report can list every issue of a large record; headers travel with every fetch.
const MAX_REASON_LENGTH = 2_000;

export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly reason: string;
  readonly failedAt: Date;
}

export function truncateReason(reason: string): string {
  return reason.length <= MAX_REASON_LENGTH ? reason : `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

/** The original headers, then the dlq-* ones (which win on a clash: they describe this rejection). */
export function buildDlqHeaders(letter: DeadLetter, originalHeaders: IHeaders = {}): Record<string, string | Buffer | (string | Buffer)[]> {
  const kept = Object.entries(originalHeaders).filter((entry): entry is [string, string | Buffer | (string | Buffer)[]] => entry[1] !== undefined);
  return {
    ...Object.fromEntries(kept),
    [DlqHeaders.reason]: truncateReason(letter.reason),
    [DlqHeaders.originalTopic]: letter.topic,
    [DlqHeaders.originalPartition]: String(letter.partition),
    [DlqHeaders.originalOffset]: letter.offset,
    [DlqHeaders.failedAt]: letter.failedAt.toISOString(),
  };
}

/** The rejected record as it came: same key, same value bytes, so it can be replayed unchanged. */
export function toDeadLetterMessage(message: KafkaMessage, letter: DeadLetter): OutgoingMessage {
  return { key: message.key, value: message.value, headers: buildDlqHeaders(letter, message.headers) };
}

// What a truncated copy keeps: enough to recognise the record. The whole of it stays at its coordinates in the
// original topic until that topic's retention ends.
export const TRUNCATED_VALUE_BYTES = 16 * 1_024;
const TRUNCATED_KEY_BYTES = 1_024;

/**
 * The DLQ copy of a record the broker refused whole (larger than the DLQ topic's `max.message.bytes` even
 * compressed): the value cut to its first TRUNCATED_VALUE_BYTES, the original headers dropped (they may be what is
 * large), the coordinates, the original size and what was cut in headers. Small enough for any broker.
 */
export function toTruncatedDeadLetterMessage(message: KafkaMessage, letter: DeadLetter, refusal: string): OutgoingMessage {
  const size = message.value?.length ?? 0;
  const value = message.value?.subarray(0, TRUNCATED_VALUE_BYTES) ?? null;
  const droppedHeaders = Object.keys(message.headers ?? {}).length;
  return {
    key: message.key?.subarray(0, TRUNCATED_KEY_BYTES) ?? null,
    value,
    headers: {
      ...buildDlqHeaders(letter),
      [DlqHeaders.originalSize]: String(size),
      [DlqHeaders.truncated]: truncateReason(
        `the broker refused the whole record (${refusal}): value cut to its first ${value?.length ?? 0} of ${size} bytes, ${droppedHeaders} original header(s) dropped`,
      ),
    },
  };
}
