import { CompressionTypes, type Producer, type RecordMetadata } from 'kafkajs';
import { KeyHashPartitioner } from './key-hash-partitioner';
import type { KafkaClient } from '../client/kafka-client';
import { inPublishSpan } from '../tracing/kafka-tracing';
import { encodeTraceHeaders, toKafkaJsMessage, type OutgoingMessage } from './outgoing-message';

export interface KafkaProducerOptions {
  /** gzip costs CPU on both ends; worth it only for large JSON batches over a slow link. */
  readonly compression?: 'none' | 'gzip';
  /** How long the broker waits for replicas before failing a send. */
  readonly timeoutMs?: number;
  /** Messages per Kafka request (default `MESSAGES_PER_REQUEST`); a larger send goes out in several, in order. */
  readonly messagesPerRequest?: number;
}

/**
 * The broker refuses more than 1 MB per partition and request by default: 1,000 messages of up to ~1 kB stay
 * clear of it, and larger requests measured no faster.
 */
export const MESSAGES_PER_REQUEST = 1_000;

export interface TopicMessages {
  readonly topic: string;
  readonly messages: readonly OutgoingMessage[];
}

export interface SentRecord {
  readonly topic: string;
  readonly partition: number;
  /** Offset of the first record of this send in that partition. */
  readonly baseOffset: string;
}

export class ProducerClosedError extends Error {
  constructor(clientId: string) {
    super(`Kafka producer of client "${clientId}" is disconnected; create a new one to send again`);
    this.name = 'ProducerClosedError';
  }
}

/**
 * An idempotent producer (acks from all in-sync replicas, one request in flight, so a retried send
 * neither duplicates nor reorders records). It connects on the first send.
 */
export class KafkaProducer {
  private readonly producer: Producer;
  private connection: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly client: KafkaClient,
    private readonly options: KafkaProducerOptions = {},
  ) {
    this.producer = client.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Explicit, which also silences kafkajs' warning about the v2 partitioner change: the same
      // murmur2 hashing as the Java client, so keys land on the same partitions from any language
      // (kafkajs' DefaultPartitioner, computed without its per-message allocations).
      createPartitioner: KeyHashPartitioner,
    });
  }

  async connect(): Promise<void> {
    if (this.closing) throw new ProducerClosedError(this.client.config.clientId);
    this.connection ??= this.producer.connect().catch((error: unknown) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }

  async send(topic: string, messages: readonly OutgoingMessage[]): Promise<SentRecord[]> {
    return this.sendBatch([{ topic, messages }]);
  }

  /**
   * Sends to several topics, in requests of at most `messagesPerRequest` messages one after the other (each
   * request one per broker), so the messages of a topic leave in the order given.
   */
  async sendBatch(batches: readonly TopicMessages[]): Promise<SentRecord[]> {
    const sent: SentRecord[] = [];
    for (const request of splitIntoRequests(batches, this.options.messagesPerRequest ?? MESSAGES_PER_REQUEST)) {
      sent.push(...(await this.sendRequest(request)));
    }
    return sent;
  }

  private sendRequest(batches: readonly TopicMessages[]): Promise<SentRecord[]> {
    const topics = [...new Set(batches.map((b) => b.topic))];
    const records = batches.reduce((sum, b) => sum + b.messages.length, 0);
    return inPublishSpan(topics, records, (traceHeaders) => this.sendTraced(batches, traceHeaders));
  }

  /** `traceHeaders` (empty when tracing is off) go into every record that does not carry its own trace context. */
  private async sendTraced(batches: readonly TopicMessages[], traceHeaders: Readonly<Record<string, string>>): Promise<SentRecord[]> {
    const encoded = encodeTraceHeaders(traceHeaders);
    const topicMessages = batches.map((b) => ({ topic: b.topic, messages: b.messages.map((message) => toKafkaJsMessage(message, encoded)) }));
    await this.connect();
    const sending = this.producer.sendBatch({
      topicMessages,
      acks: -1,
      timeout: this.options.timeoutMs,
      compression: this.options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
    });
    this.inFlight.add(sending);
    try {
      return toSentRecords(await sending);
    } finally {
      this.inFlight.delete(sending);
    }
  }

  /** Waits for sends in progress, then closes the connections. Safe to call more than once. */
  async disconnect(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.inFlight]);
      if (this.connection) {
        await this.connection.catch(() => undefined);
        await this.producer.disconnect();
      }
    })();
    return this.closing;
  }
}

/** The batches cut into requests of at most `limit` messages, in order; empty batches dropped. */
export function splitIntoRequests(batches: readonly TopicMessages[], limit: number): TopicMessages[][] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`messagesPerRequest must be an integer >= 1, got ${limit}`);
  const requests: TopicMessages[][] = [];
  let request: TopicMessages[] = [];
  let size = 0;
  for (const { topic, messages } of batches) {
    for (let start = 0; start < messages.length; ) {
      if (size === limit) {
        requests.push(request);
        [request, size] = [[], 0];
      }
      const part = messages.slice(start, start + limit - size);
      request.push({ topic, messages: part });
      size += part.length;
      start += part.length;
    }
  }
  if (size > 0) requests.push(request);
  return requests;
}

function toSentRecords(metadata: RecordMetadata[]): SentRecord[] {
  return metadata.map((m) => ({ topic: m.topicName, partition: m.partition, baseOffset: m.baseOffset ?? '-1' }));
}

export function createProducer(client: KafkaClient, options?: KafkaProducerOptions): KafkaProducer {
  return new KafkaProducer(client, options);
}
