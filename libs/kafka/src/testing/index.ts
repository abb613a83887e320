import { randomBytes } from 'node:crypto';
import { dlqTopicFor, type TopicSpec } from '@seg/contracts';
import type { KafkaClient } from '../client/kafka-client';
import type { KafkaLogger } from '../client/kafka-logger';
import { kafkaConfigFromEnv } from '../config/kafka-config';
import { withAdmin } from '../admin/topic-admin';

export { KAFKA_CODECS, produceWithJavaClient, type JavaProducerRecord, type KafkaCodec } from './java-producer';

/** A short random suffix for topic and group names, so test runs never share state. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** Kafka settings for integration tests: the environment's brokers, kafkajs quiet unless asked. */
export function testKafkaConfig() {
  return kafkaConfigFromEnv({ ...process.env, KAFKA_LOG_LEVEL: process.env.KAFKA_LOG_LEVEL ?? 'error' });
}

export interface RecordingKafkaLogger extends KafkaLogger {
  readonly entries: { level: keyof KafkaLogger; message: string }[];
}

/** The one stub integration tests may use: a logger that records instead of printing. */
export function recordingKafkaLogger(): RecordingKafkaLogger {
  const entries: RecordingKafkaLogger['entries'] = [];
  const record = (level: keyof KafkaLogger) => (message: string) => {
    entries.push({ level, message });
  };
  return { entries, error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
}

/** A consumed topic and its DLQ, both plain delete-policy topics with short retention. */
export function testTopicSpecs(name: string, partitions: number): TopicSpec[] {
  const base = { partitions, replicationFactor: 1, cleanupPolicy: 'delete' as const, retentionMs: 3_600_000 };
  return [
    { ...base, name, description: `test topic ${name}` },
    { ...base, name: dlqTopicFor(name), description: `DLQ of ${name}` },
  ];
}

export async function waitFor(condition: () => boolean | Promise<boolean>, description: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface RawRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Reads a topic from the beginning until `count` records arrived (e.g. to inspect a DLQ), with a
 * throwaway consumer group that is deleted afterwards.
 */
export async function readRecords(client: KafkaClient, topic: string, count: number, timeoutMs = 20_000): Promise<RawRecord[]> {
  const groupId = `read-${topic}-${uniqueSuffix()}`;
  const consumer = client.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  const records: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        records.push({ partition, offset: message.offset, key: message.key, value: message.value, headers });
      },
    });
    await waitFor(() => records.length >= count, `${count} record(s) on ${topic}`, timeoutMs);
  } finally {
    await consumer.disconnect();
    await withAdmin(client, (admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
  return records;
}
