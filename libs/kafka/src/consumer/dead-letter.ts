import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { OutgoingMessage } from '../producer/outgoing-message';

export const DlqHeaders = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
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
