import type { KafkaMessage } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import type { KafkaClient } from '../client/kafka-client';
import { withAdmin } from '../admin/topic-admin';

/** The offsets `[start, end)` of one partition to read. */
export interface PartitionRange {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

/** Every partition of `topic` from its log start to its end now: what a scan reads, records appended later excluded. */
export async function partitionRanges(client: KafkaClient, topic: string): Promise<PartitionRange[]> {
  const offsets = await withAdmin(client, (admin) => admin.fetchTopicOffsets(topic));
  return offsets.map((o) => ({ partition: o.partition, start: BigInt(o.low), end: BigInt(o.high) })).sort((a, b) => a.partition - b.partition);
}

export interface TopicScanOptions {
  /** How long the scan may receive nothing while ranges are still open before it fails (default 30 s). */
  readonly idleTimeoutMs?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
const WATCH_INTERVAL_MS = 500;

/**
 * Reads the given ranges of `topic` once, in offset order within each partition, handing the records over batch by
 * batch, and resolves when every range has been read (not forever, like a service's consumer). It reads through a
 * throwaway consumer group that commits nothing and is deleted afterwards. A failing `onRecords` ends the scan.
 */
export async function scanTopic(
  client: KafkaClient,
  topic: string,
  ranges: readonly PartitionRange[],
  onRecords: (partition: number, records: KafkaMessage[]) => Promise<void> | void,
  options: TopicScanOptions = {},
): Promise<void> {
  const open = new Map(ranges.filter((r) => r.start < r.end).map((r) => [r.partition, r]));
  if (open.size === 0) return;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const groupId = `dlq-tool-${randomBytes(4).toString('hex')}`;
  const consumer = client.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  let settle: (error?: unknown) => void = () => undefined;
  const settled = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  let lastActivity = Date.now();
  const watchdog = setInterval(() => {
    if (Date.now() - lastActivity <= idleTimeoutMs) return;
    const left = [...open.values()].map((r) => `partition ${r.partition} before offset ${r.end}`).join(', ');
    settle(new Error(`Reading ${topic} received nothing for ${idleTimeoutMs / 1_000} s with records left (${left}): is the broker reachable?`));
  }, WATCH_INTERVAL_MS);

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const range = open.get(batch.partition);
        if (!range) return;
        lastActivity = Date.now();
        const records = batch.messages.filter((m) => BigInt(m.offset) >= range.start && BigInt(m.offset) < range.end);
        try {
          if (records.length > 0) await onRecords(batch.partition, records);
        } catch (error) {
          settle(error);
          return;
        }
        lastActivity = Date.now();
        if (BigInt(batch.lastOffset()) + 1n < range.end) return;
        open.delete(batch.partition);
        consumer.pause([{ topic, partitions: [batch.partition] }]);
        if (open.size === 0) settle();
      },
    });
    const unread = ranges.filter((r) => !open.has(r.partition)).map((r) => r.partition);
    if (unread.length > 0) consumer.pause([{ topic, partitions: unread }]);
    // Records before a range's start are filtered out anyway; seeking only saves reading them.
    for (const range of open.values()) consumer.seek({ topic, partition: range.partition, offset: range.start.toString() });
    await settled;
  } finally {
    clearInterval(watchdog);
    await consumer.disconnect().catch(() => undefined);
    await withAdmin(client, (admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
}
