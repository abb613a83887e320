import type { KafkaClient } from '../client/kafka-client';
import { KafkaProducer, type TopicMessages } from '../producer/kafka-producer';
import type { OutgoingMessage } from '../producer/outgoing-message';
import { dlqEntryRef, isSelected, toDlqEntry, toReplayReceipt, type DlqEntry, type DlqSelection } from './dlq-entry';
import { requireDlqTopic } from './list-dlq';
import { planReplay, type ReplaySkip } from './replay-plan';
import { partitionRanges, scanTopic, type PartitionRange, type TopicScanOptions } from './topic-scan';

export interface ReplayProgress {
  /** `scan`: looking for earlier replays (receipts, replays that failed again); `replay`: sending. */
  readonly phase: 'scan' | 'replay';
  readonly read: number;
  readonly total: number;
  readonly sent: number;
}

/** One record sent back (or that would be, on a dry run). */
export interface ReplayedRecord {
  readonly dlqPartition: number;
  readonly dlqOffset: string;
  readonly topic: string;
  readonly partition: number | null;
  readonly key: string | null;
  readonly reason: string;
}

export interface ReplayDlqOptions extends TopicScanOptions {
  readonly selection?: DlqSelection;
  /** Decide and report, send nothing. */
  readonly dryRun?: boolean;
  /** Send records sent back before, and records already replayed MAX_REPLAYS times, too. */
  readonly force?: boolean;
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly onRecord?: (record: ReplayedRecord) => void;
}

export interface ReplaySummary {
  readonly topic: string;
  readonly dryRun: boolean;
  /** Records of the DLQ the replay pass read (its selected partitions and offsets). */
  readonly read: number;
  /** Of those, the ones the selection (reason, partition, offsets) picked. */
  readonly selected: number;
  /** Sent, or that would be on a dry run, by original topic. */
  readonly sent: Readonly<Record<string, number>>;
  readonly skipped: Readonly<Record<ReplaySkip, number>>;
  /** Per DLQ partition read, the offset the replay got to (exclusive): `--from` there continues after it. */
  readonly readTo: readonly { readonly partition: number; readonly offset: string }[];
}

/** The replay stopped part-way (the broker refused or vanished); `summary` says what was sent before. */
export class ReplayFailedError extends Error {
  constructor(
    readonly summary: ReplaySummary,
    cause: unknown,
  ) {
    super(`Replay of ${summary.topic} stopped: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ReplayFailedError';
  }
}

export const sentCount = (summary: Pick<ReplaySummary, 'sent'>): number => Object.values(summary.sent).reduce((a, b) => a + b, 0);

const NO_SKIPS: Record<ReplaySkip, number> = { truncated: 0, 'no-original-topic': 0, 'foreign-topic': 0, 'failed-again': 0, replayed: 0, 'replay-limit': 0 };

/** The part of the DLQ the selection can pick from: its partition, its offsets. */
export function replayRanges(ranges: readonly PartitionRange[], selection: DlqSelection): PartitionRange[] {
  return ranges
    .filter((r) => selection.partition === undefined || r.partition === selection.partition)
    .map((r) => ({
      partition: r.partition,
      start: selection.from !== undefined && selection.from > r.start ? selection.from : r.start,
      end: selection.to !== undefined && selection.to + 1n < r.end ? selection.to + 1n : r.end,
    }));
}

const keyText = (entry: DlqEntry) => (entry.key === null ? null : entry.key.toString('utf8'));

/**
 * Sends the selected records of a DLQ topic back to their original topic and partition, with their original key, value
 * bytes and headers and a `dlq-replayed-from` / `dlq-replay-count` mark (idempotent producer), and after each sent
 * batch appends a receipt naming them to the DLQ. Two passes over the topic, both up to the end offsets it had when the
 * replay began: the first collects the receipts and the records that were replayed and failed again (a later DLQ
 * record names them), the second sends. Truncated copies, records replayed and failed again, and (unless forced)
 * records sent back before or already replayed once are skipped and counted.
 */
export async function replayDlq(client: KafkaClient, topic: string, options: ReplayDlqOptions = {}): Promise<ReplaySummary> {
  requireDlqTopic(topic);
  const selection = options.selection ?? {};
  const ranges = await partitionRanges(client, topic);
  const total = ranges.reduce((sum, r) => sum + Number(r.end - r.start), 0);

  const superseded = new Set<string>();
  const replayed = new Set<string>();
  let scanned = 0;
  await scanTopic(
    client,
    topic,
    ranges,
    (partition, records) => {
      for (const record of records) {
        const entry = toDlqEntry(partition, record);
        for (const ref of entry.receipt ?? []) replayed.add(ref);
        if (entry.replayedFrom?.startsWith(`${topic}/`)) superseded.add(entry.replayedFrom);
      }
      scanned += records.length;
      options.onProgress?.({ phase: 'scan', read: scanned, total, sent: 0 });
    },
    options,
  );

  const toRead = replayRanges(ranges, selection);
  const readTotal = toRead.reduce((sum, r) => sum + Math.max(0, Number(r.end - r.start)), 0);
  const sent: Record<string, number> = {};
  const skipped = { ...NO_SKIPS };
  const readTo = new Map(toRead.map((r) => [r.partition, r.start]));
  let [read, selected, sentTotal] = [0, 0, 0];
  const summary = (): ReplaySummary => ({
    topic,
    dryRun: options.dryRun ?? false,
    read,
    selected,
    sent: { ...sent },
    skipped: { ...skipped },
    readTo: [...readTo].map(([partition, offset]) => ({ partition, offset: offset.toString() })),
  });
  // gzip, as the DLQ copies: a record the broker took compressed may be too large sent plain.
  const producer = options.dryRun ? null : new KafkaProducer(client, { compression: 'gzip' });
  try {
    await scanTopic(
      client,
      topic,
      toRead,
      async (partition, records) => {
        const batches = new Map<string, OutgoingMessage[]>();
        const sending: ReplayedRecord[] = [];
        for (const record of records) {
          const entry = toDlqEntry(partition, record);
          if (!isSelected(entry, selection)) continue;
          selected++;
          const decision = planReplay(entry, { dlqTopic: topic, superseded, replayed, force: options.force ?? false });
          if (!decision.send) {
            skipped[decision.skip]++;
            continue;
          }
          const messages = batches.get(decision.topic) ?? [];
          messages.push(decision.message);
          batches.set(decision.topic, messages);
          sending.push({ dlqPartition: partition, dlqOffset: entry.offset, topic: decision.topic, partition: entry.originalPartition, key: keyText(entry), reason: entry.reason });
        }
        const requests: TopicMessages[] = [...batches].map(([name, messages]) => ({ topic: name, messages }));
        if (producer && requests.length > 0) {
          await producer.sendBatch(requests);
          // After the records: a crash in between sends them again next time (at least once), never loses one.
          await producer.send(topic, [toReplayReceipt(sending.map((r) => dlqEntryRef(topic, { partition: r.dlqPartition, offset: r.dlqOffset })), new Date())]);
        }
        for (const record of sending) {
          sent[record.topic] = (sent[record.topic] ?? 0) + 1;
          options.onRecord?.(record);
        }
        read += records.length;
        sentTotal += sending.length;
        readTo.set(partition, BigInt(records[records.length - 1].offset) + 1n);
        options.onProgress?.({ phase: 'replay', read, total: readTotal, sent: sentTotal });
      },
      options,
    );
  } catch (error) {
    throw new ReplayFailedError(summary(), error);
  } finally {
    await producer?.disconnect();
  }
  return summary();
}
