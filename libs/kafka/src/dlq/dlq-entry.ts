import type { IHeaders, KafkaMessage } from 'kafkajs';
import { DlqHeaders } from '../consumer/dead-letter';
import { decodeHeaders } from '../consumer/decode-record';
import type { OutgoingMessage } from '../producer/outgoing-message';

/** A record of a DLQ topic, with what its dlq-* headers say about the original. */
export interface DlqEntry {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Every header as fetched: the original record's, then the dlq-* ones. */
  readonly headers: IHeaders;
  readonly reason: string;
  readonly originalTopic: string | null;
  readonly originalPartition: number | null;
  readonly originalOffset: string | null;
  /** ISO time of the rejection, as the consumer wrote it. */
  readonly failedAt: string | null;
  /** A cut-down copy (the broker refused the whole record): it cannot be replayed. */
  readonly truncated: boolean;
  /** How many times this record had been replayed when it was dead-lettered (0: never). */
  readonly replayCount: number;
  /** The DLQ copy this one replaces (`<dlq topic>/<partition>/<offset>`), when it is a replay that failed again. */
  readonly replayedFrom: string | null;
  /** Set on a replay receipt (not a rejected record): the refs of the DLQ records that replay sent back. */
  readonly receipt: readonly string[] | null;
}

export const NO_REASON = '(no dlq-reason header)';

/** Where a DLQ entry is, as `dlq-replayed-from` names it: topic names cannot hold a slash. */
export function dlqEntryRef(dlqTopic: string, entry: Pick<DlqEntry, 'partition' | 'offset'>): string {
  return `${dlqTopic}/${entry.partition}/${entry.offset}`;
}

function nonNegativeInteger(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

const RECEIPT_KEY = 'dlq-replay-receipt';

/**
 * What a replay appends to the DLQ after sending records back: their refs. It makes "sent once" durable without
 * another topic: the next replay reads the DLQ anyway, and skips what a receipt names unless forced.
 */
export function toReplayReceipt(refs: readonly string[], replayedAt: Date): OutgoingMessage {
  return { key: RECEIPT_KEY, value: { replayedAt: replayedAt.toISOString(), refs }, headers: { [DlqHeaders.replayReceipt]: String(refs.length) } };
}

function receiptRefs(value: Buffer | null): string[] {
  try {
    const refs = (JSON.parse(value?.toString('utf8') ?? 'null') as { refs?: unknown } | null)?.refs;
    return Array.isArray(refs) ? refs.filter((ref): ref is string => typeof ref === 'string') : [];
  } catch {
    return [];
  }
}

export function toDlqEntry(partition: number, message: KafkaMessage): DlqEntry {
  const headers = decodeHeaders(message.headers);
  const receipt = headers[DlqHeaders.replayReceipt] === undefined ? null : receiptRefs(message.value);
  return {
    partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: message.headers ?? {},
    reason: headers[DlqHeaders.reason] ?? NO_REASON,
    originalTopic: headers[DlqHeaders.originalTopic] || null,
    originalPartition: nonNegativeInteger(headers[DlqHeaders.originalPartition]),
    originalOffset: headers[DlqHeaders.originalOffset] ?? null,
    failedAt: headers[DlqHeaders.failedAt] ?? null,
    truncated: headers[DlqHeaders.truncated] !== undefined,
    replayCount: nonNegativeInteger(headers[DlqHeaders.replayCount]) ?? 0,
    replayedFrom: headers[DlqHeaders.replayedFrom] ?? null,
    receipt,
  };
}

/** Which entries a list or a replay is about: a reason (case-insensitive substring), a partition, an offset range. */
export interface DlqSelection {
  readonly reason?: string;
  readonly partition?: number;
  /** First offset, inclusive. */
  readonly from?: bigint;
  /** Last offset, inclusive. */
  readonly to?: bigint;
}

/** Receipts are never selected: they are the replay's notes, not rejected records. */
export function isSelected(entry: DlqEntry, selection: DlqSelection): boolean {
  if (entry.receipt !== null) return false;
  if (selection.partition !== undefined && entry.partition !== selection.partition) return false;
  const offset = BigInt(entry.offset);
  if (selection.from !== undefined && offset < selection.from) return false;
  if (selection.to !== undefined && offset > selection.to) return false;
  return selection.reason === undefined || entry.reason.toLowerCase().includes(selection.reason.toLowerCase());
}
