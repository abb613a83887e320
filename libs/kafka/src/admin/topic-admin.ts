import { ConfigResourceTypes, type Admin } from 'kafkajs';
import type { KafkaClient } from '../client/kafka-client';

export interface TopicDescription {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Every topic-level config the broker reports, defaults included. */
  readonly config: Readonly<Record<string, string>>;
}

export interface CommittedOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset the group will read, as Kafka stores it; null when nothing was committed. */
  readonly offset: string | null;
}

export class KafkaAdminError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaAdminError';
  }
}

/** Runs `work` with a connected admin client and always disconnects it. */
export async function withAdmin<T>(client: KafkaClient, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function listTopics(client: KafkaClient): Promise<string[]> {
  return withAdmin(client, (admin) => admin.listTopics());
}

/** Describes existing topics; a name that does not exist is an error. */
export async function describeTopics(client: KafkaClient, names: readonly string[]): Promise<TopicDescription[]> {
  if (names.length === 0) return [];
  return withAdmin(client, (admin) => describeWith(admin, names));
}

export async function describeWith(admin: Admin, names: readonly string[]): Promise<TopicDescription[]> {
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: [...names] }),
    admin.describeConfigs({
      includeSynonyms: false,
      resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    }),
  ]);
  return names.map((name) => {
    const topic = metadata.topics.find((t) => t.name === name);
    const resource = configs.resources.find((r) => r.resourceName === name);
    if (!topic || !resource || resource.errorCode !== 0) {
      throw new KafkaAdminError(`Cannot describe topic "${name}": ${resource?.errorMessage ?? 'not in the cluster metadata'}`);
    }
    return {
      name,
      partitions: topic.partitions.length,
      replicationFactor: Math.min(...topic.partitions.map((p) => p.replicas.length)),
      config: Object.fromEntries(resource.configEntries.map((e) => [e.configName, e.configValue])),
    };
  });
}

/** Deletes topics that exist and ignores the others, so cleanup code can run unconditionally. */
export async function deleteTopics(client: KafkaClient, names: readonly string[]): Promise<string[]> {
  return withAdmin(client, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const toDelete = names.filter((n) => existing.has(n));
    if (toDelete.length > 0) await admin.deleteTopics({ topics: toDelete });
    return toDelete;
  });
}

/** The offsets a consumer group has committed on a topic, one entry per partition. */
export async function fetchCommittedOffsets(client: KafkaClient, groupId: string, topic: string): Promise<CommittedOffset[]> {
  const result = await withAdmin(client, (admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
  return (result.find((r) => r.topic === topic)?.partitions ?? [])
    .map((p) => ({ topic, partition: p.partition, offset: p.offset === '-1' ? null : p.offset }))
    .sort((a, b) => a.partition - b.partition);
}

/** How many records `topic` holds now (from each partition's log start to its end). */
export async function topicRecordCount(client: KafkaClient, topic: string): Promise<number> {
  const offsets = await withAdmin(client, (admin) => admin.fetchTopicOffsets(topic));
  return offsets.reduce((count, partition) => count + Number(partition.high) - Number(partition.low), 0);
}

/**
 * How many records of `topic` a consumer group has yet to commit, summed over partitions: a group that
 * never committed on a partition owes all of it. Zero means the group has caught up.
 */
export async function consumerLag(client: KafkaClient, groupId: string, topic: string): Promise<number> {
  return withAdmin(client, async (admin) => {
    const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const committedBy = new Map((committed.find((r) => r.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((lag, end) => {
      const done = committedBy.get(end.partition) ?? -1;
      return lag + Number(end.high) - (done < 0 ? Number(end.low) : done);
    }, 0);
  });
}
