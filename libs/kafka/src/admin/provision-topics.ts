import type { TopicSpec } from '@seg/contracts';
import type { Admin } from 'kafkajs';
import type { KafkaClient } from '../client/kafka-client';
import { describeWith, KafkaAdminError, withAdmin, type TopicDescription } from './topic-admin';

export type TopicProvisioningStatus = 'created' | 'existing' | 'partitions-added';

export interface TopicProvisioningResult {
  readonly topic: string;
  readonly status: TopicProvisioningStatus;
  readonly partitions: number;
  /**
   * Differences between the declaration and the broker that provisioning does not fix on its own
   * (config values, replication factor, more partitions than declared): an operator decides.
   */
  readonly mismatches: readonly string[];
}

/** The topic-level configs a TopicSpec pins; everything else is left to the broker defaults. */
export function topicConfigEntries(spec: TopicSpec): Record<string, string> {
  return { 'cleanup.policy': spec.cleanupPolicy, 'retention.ms': String(spec.retentionMs) };
}

/** Pure comparison of a declaration with what the broker reports. */
export function topicMismatches(spec: TopicSpec, actual: TopicDescription): string[] {
  const mismatches = Object.entries(topicConfigEntries(spec))
    .filter(([name, expected]) => actual.config[name] !== expected)
    .map(([name, expected]) => `${name} is "${actual.config[name] ?? '(unset)'}", declared "${expected}"`);
  if (actual.replicationFactor !== spec.replicationFactor) {
    mismatches.push(`replication factor is ${actual.replicationFactor}, declared ${spec.replicationFactor}`);
  }
  if (actual.partitions > spec.partitions) {
    mismatches.push(`has ${actual.partitions} partitions, declared ${spec.partitions} (Kafka cannot remove partitions)`);
  }
  return mismatches;
}

export function formatProvisioningResult(result: TopicProvisioningResult): string {
  const partitions = `${result.partitions} partition${result.partitions === 1 ? '' : 's'}`;
  const line = `${result.status.padEnd(16)} ${result.topic} (${partitions})`;
  return result.mismatches.length === 0 ? line : `${line} MISMATCH: ${result.mismatches.join('; ')}`;
}

function validateSpec(spec: TopicSpec): void {
  if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
    throw new KafkaAdminError(`Topic "${spec.name}" declares ${spec.partitions} partitions: expected an integer >= 1`);
  }
}

const DESCRIBE_ATTEMPTS = 10;

/**
 * Describes a topic that exists or was just created. The broker's metadata cache learns of a new topic
 * a moment after the controller, and on a busy machine "does not host this topic-partition" can come
 * back in between: that one error is retried with a growing delay, any other is thrown at once.
 */
async function describeCreated(admin: Admin, name: string): Promise<TopicDescription> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await describeWith(admin, [name]))[0];
    } catch (error) {
      const unknown = (error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION';
      if (!unknown || attempt === DESCRIBE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * Creates one topic; false when it existed already. kafkajs' wait for leaders retries only "leader not
 * available": on a freshly started broker its metadata request can also answer "does not host this
 * topic-partition" after the controller accepted the topic. The topic is created then, and
 * `describeCreated` waits for the broker to host it.
 */
export async function createTopic(admin: Pick<Admin, 'createTopics'>, spec: TopicSpec): Promise<boolean> {
  return createTopicRequest(admin, spec).catch((error: unknown) => {
    if ((error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
    throw error;
  });
}

function createTopicRequest(admin: Pick<Admin, 'createTopics'>, spec: TopicSpec): Promise<boolean> {
  return admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(topicConfigEntries(spec)).map(([name, value]) => ({ name, value })),
      },
    ],
  });
}

/**
 * Idempotently brings the cluster to the declared topics: creates the missing ones with their
 * configs and adds partitions to existing ones that have fewer than declared. Config differences
 * are reported, never silently overwritten: changing retention or compaction of a live topic can
 * delete data.
 */
export async function provisionTopics(client: KafkaClient, topics: readonly TopicSpec[]): Promise<TopicProvisioningResult[]> {
  topics.forEach(validateSpec);
  return withAdmin(client, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const results: TopicProvisioningResult[] = [];
    for (const spec of topics) {
      // One topic per request: kafkajs reports a batch only as "all created or not", and the report
      // must say which ones were created (false also covers a concurrent creation by someone else).
      const created = !existing.has(spec.name) && (await createTopic(admin, spec));
      const actual = await describeCreated(admin, spec.name);
      if (created) {
        results.push({ topic: spec.name, status: 'created', partitions: actual.partitions, mismatches: topicMismatches(spec, actual) });
      } else if (actual.partitions < spec.partitions) {
        // Adding partitions moves keys to other partitions for new records; per-key order holds
        // again only once consumers have drained the old records of a key.
        await admin.createPartitions({ topicPartitions: [{ topic: spec.name, count: spec.partitions }] });
        client.logger.warn(`Added partitions to ${spec.name}: ${actual.partitions} → ${spec.partitions}`);
        results.push({
          topic: spec.name,
          status: 'partitions-added',
          partitions: spec.partitions,
          mismatches: topicMismatches(spec, { ...actual, partitions: spec.partitions }),
        });
      } else {
        results.push({ topic: spec.name, status: 'existing', partitions: actual.partitions, mismatches: topicMismatches(spec, actual) });
      }
    }
    return results;
  });
}
