import { dlqTopicFor } from '@seg/contracts';
import type { IHeaders } from 'kafkajs';
import { DlqHeaders } from '../consumer/dead-letter';
import type { OutgoingMessage } from '../producer/outgoing-message';
import { dlqEntryRef, type DlqEntry } from './dlq-entry';

/**
 * A DLQ record is sent back once (a receipt in the DLQ names it), and a record that was replayed is not replayed
 * again: when it fails again its new DLQ copy carries `dlq-replay-count: 1` and later replays skip it unless forced.
 * So no record cycles between a topic and its DLQ, however often an operator replays.
 */
export const MAX_REPLAYS = 1;

export type ReplaySkip =
  /** A cut-down copy: the whole record is only at its coordinates in the original topic. */
  | 'truncated'
  /** No dlq-original-topic header: not a copy our consumers wrote. */
  | 'no-original-topic'
  /** Its original topic's DLQ is another topic: replaying would send it somewhere it never came from. */
  | 'foreign-topic'
  /** It was replayed and failed again: a later DLQ record (`dlq-replayed-from`) stands for it. */
  | 'failed-again'
  /** A replay sent it back before (a receipt names it); `--force` sends it again. */
  | 'replayed'
  /** Already replayed MAX_REPLAYS times (its dlq-replay-count); `--force` sends it anyway. */
  | 'replay-limit';

export const REPLAY_SKIP_MEANINGS: Record<ReplaySkip, string> = {
  truncated: 'truncated copies (the whole record is only in the original topic, at dlq-original-partition/-offset)',
  'no-original-topic': 'without a dlq-original-topic header',
  'foreign-topic': 'whose original topic does not belong to this DLQ',
  'failed-again': 'replayed before and failed again (a later DLQ record stands for each)',
  replayed: 'sent back by an earlier replay (--force sends them again)',
  'replay-limit': `already replayed ${MAX_REPLAYS} time(s) (--force sends them again)`,
};

export type ReplayDecision = { readonly send: true; readonly topic: string; readonly message: OutgoingMessage } | { readonly send: false; readonly skip: ReplaySkip };

export interface ReplayContext {
  readonly dlqTopic: string;
  /** Refs (`dlqEntryRef`) of the DLQ records some later DLQ record says it replaces. */
  readonly superseded: ReadonlySet<string>;
  /** Refs of the DLQ records a replay receipt names. */
  readonly replayed: ReadonlySet<string>;
  /** Send records replayed before and records at the replay limit too (never truncated or superseded ones). */
  readonly force: boolean;
}

const DLQ_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(DlqHeaders));

/** The original record's headers (the dlq-* ones dropped), marked as a replay of this DLQ record. */
export function replayHeaders(entry: DlqEntry, dlqTopic: string): Record<string, Buffer | string | (Buffer | string)[]> {
  const original = Object.entries(entry.headers as IHeaders).filter(
    (header): header is [string, Buffer | string | (Buffer | string)[]] => header[1] !== undefined && !DLQ_HEADER_NAMES.has(header[0]),
  );
  return {
    ...Object.fromEntries(original),
    [DlqHeaders.replayedFrom]: dlqEntryRef(dlqTopic, entry),
    [DlqHeaders.replayCount]: String(entry.replayCount + 1),
  };
}

function belongsTo(originalTopic: string, dlqTopic: string): boolean {
  try {
    return dlqTopicFor(originalTopic) === dlqTopic;
  } catch {
    return false;
  }
}

/** What the replay does with one selected DLQ record: the original key, value bytes and partition, or why not. */
export function planReplay(entry: DlqEntry, context: ReplayContext): ReplayDecision {
  if (entry.truncated) return { send: false, skip: 'truncated' };
  if (entry.originalTopic === null) return { send: false, skip: 'no-original-topic' };
  if (!belongsTo(entry.originalTopic, context.dlqTopic)) return { send: false, skip: 'foreign-topic' };
  const ref = dlqEntryRef(context.dlqTopic, entry);
  if (context.superseded.has(ref)) return { send: false, skip: 'failed-again' };
  if (context.replayed.has(ref) && !context.force) return { send: false, skip: 'replayed' };
  if (entry.replayCount >= MAX_REPLAYS && !context.force) return { send: false, skip: 'replay-limit' };
  return {
    send: true,
    topic: entry.originalTopic,
    message: {
      key: entry.key,
      value: entry.value,
      headers: replayHeaders(entry, context.dlqTopic),
      // Its original partition keeps it with the other records of its key, whatever partitioner their producer used.
      ...(entry.originalPartition === null ? {} : { partition: entry.originalPartition }),
    },
  };
}
