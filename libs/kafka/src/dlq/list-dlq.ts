import { isDlqTopic } from '@seg/contracts';
import type { KafkaClient } from '../client/kafka-client';
import { listTopics } from '../admin/topic-admin';
import { toDlqEntry, type DlqSelection } from './dlq-entry';
import { DlqSummaryBuilder, type DlqSummary } from './dlq-summary';
import { partitionRanges, scanTopic, type TopicScanOptions } from './topic-scan';

/** Reported after each fetched batch: records read so far out of those the topic held when the scan began. */
export type ScanProgress = (read: number, total: number) => void;

export class NotADlqTopicError extends Error {
  constructor(topic: string) {
    super(`"${topic}" is not a DLQ topic: DLQ names end in .dlq.v<N>, e.g. customers.raw.dlq.v1`);
    this.name = 'NotADlqTopicError';
  }
}

export function requireDlqTopic(topic: string): string {
  if (!isDlqTopic(topic)) throw new NotADlqTopicError(topic);
  return topic;
}

/** The DLQ topics on the cluster, in name order. */
export async function dlqTopicsOnCluster(client: KafkaClient): Promise<string[]> {
  return (await listTopics(client)).filter(isDlqTopic).sort();
}

export interface ListDlqOptions extends TopicScanOptions {
  readonly selection?: DlqSelection;
  readonly onProgress?: ScanProgress;
}

/** Reads a DLQ topic from the beginning to its end offsets and counts the selected records by reason. */
export async function listDlq(client: KafkaClient, topic: string, options: ListDlqOptions = {}): Promise<DlqSummary> {
  requireDlqTopic(topic);
  const ranges = await partitionRanges(client, topic);
  const total = ranges.reduce((sum, r) => sum + Number(r.end - r.start), 0);
  const summary = new DlqSummaryBuilder(topic, options.selection);
  let read = 0;
  await scanTopic(
    client,
    topic,
    ranges,
    (partition, records) => {
      for (const record of records) summary.add(toDlqEntry(partition, record));
      read += records.length;
      options.onProgress?.(read, total);
    },
    options,
  );
  return summary.build();
}
