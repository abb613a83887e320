import type { Admin } from 'kafkajs';
import type { KafkaClient } from '../client/kafka-client';

export interface ProbedPartition {
  readonly topic: string;
  readonly partition: number;
  /** The partition's end offset. */
  readonly high: string;
  /** Where the group reads next: its committed offset, or where a group without one starts. */
  readonly committed: string;
}

/**
 * Asks the broker, on its own connection, for the end offsets of some topics and the offsets a group committed on
 * them: the lag of a consumer that fetches nothing (wedged, or stuck behind a partition it never reads) is known
 * only this way. Two small requests per probe; the connection is opened on first use and closed by `close()`.
 */
export class LagProbe {
  private admin: Admin | null = null;
  private connecting: Promise<Admin> | null = null;

  constructor(
    private readonly client: KafkaClient,
    private readonly groupId: string,
    private readonly fromBeginning: boolean,
  ) {}

  async probe(topics: readonly string[]): Promise<ProbedPartition[]> {
    if (topics.length === 0) return [];
    const admin = await this.connect();
    const [ends, committed] = await Promise.all([
      Promise.all(topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) }))),
      admin.fetchOffsets({ groupId: this.groupId, topics: [...topics] }),
    ]);
    const committedBy = new Map(committed.flatMap((t) => t.partitions.map((p) => [`${t.topic}:${p.partition}`, p.offset] as const)));
    return ends.flatMap(({ topic, offsets }) =>
      offsets.map((end) => {
        const offset = committedBy.get(`${topic}:${end.partition}`);
        const start = this.fromBeginning ? end.low : end.high;
        return { topic, partition: end.partition, high: end.high, committed: offset === undefined || offset === '-1' ? start : offset };
      }),
    );
  }

  async close(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = null;
    this.admin = null;
    if (connecting) await (await connecting.catch(() => null))?.disconnect();
  }

  private connect(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    this.connecting ??= (async () => {
      const admin = this.client.kafka.admin();
      await admin.connect();
      this.admin = admin;
      return admin;
    })().catch((error: unknown) => {
      this.connecting = null;
      throw error;
    });
    return this.connecting;
  }
}
