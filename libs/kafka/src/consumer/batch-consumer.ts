import { dlqTopicFor } from '@seg/contracts';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { KafkaClient } from '../client/kafka-client';
import { KafkaProducer } from '../producer/kafka-producer';
import { backoffSchedule, DEFAULT_RETRY_POLICY, sleepWithHeartbeat, type RetryPolicy } from './backoff';
import { toDeadLetterMessage } from './dead-letter';
import { decodeValue, toConsumedRecord, type ConsumedRecord, type RecordValidator } from './decode-record';

export interface BatchContext {
  readonly topic: string;
  readonly partition: number;
  /** 0 on the first call for these records, then 1, 2… on retries. */
  readonly attempt: number;
  /** Call during long work so the group does not consider this member dead. */
  heartbeat(): Promise<void>;
}

/** Must be idempotent: after a crash the records since the last commit are delivered again. */
export type BatchHandler<T> = (records: ConsumedRecord<T>[], context: BatchContext) => Promise<void>;

export interface BatchConsumerOptions<T = unknown> {
  readonly groupId: string;
  readonly topics: string | readonly string[];
  readonly handler: BatchHandler<T>;
  readonly validate?: RecordValidator<T>;
  /** Where a group without committed offsets starts; false reads only new records. */
  readonly fromBeginning?: boolean;
  /** Upper bound of records per handler call; a larger fetched batch is split. */
  readonly maxBatchSize?: number;
  /** kafkajs' fetch limit per partition (default 1 MiB): raise it with maxBatchSize, or a fetch holds fewer records than a batch. */
  readonly maxBytesPerPartition?: number;
  /**
   * Partitions whose batches are handled at the same time (kafkajs' `partitionsConsumedConcurrently`, default 1):
   * one partition's handler waits on its database while another's decodes or publishes. Each partition still
   * handles its batches in order and commits only its own offsets; the handler must be safe to run concurrently
   * for different partitions (records of one key never span partitions).
   */
  readonly partitionsConsumedConcurrently?: number;
  readonly retry?: RetryPolicy;
  /** Which handler errors are worth retrying; by default all but PermanentHandlerError. */
  readonly isTransient?: (error: unknown) => boolean;
  /** Called once when the consumer gives up; it is already stopping and has committed nothing past the failure. */
  readonly onFatalError?: (error: ConsumerFailedError) => void;
  readonly sessionTimeoutMs?: number;
}

/** kafkajs' fetch limits when none is given: per partition, and for a whole fetch response. */
const KAFKAJS_MAX_BYTES_PER_PARTITION = 1_024 * 1_024;
const KAFKAJS_MAX_BYTES = 10 * 1_024 * 1_024;

/**
 * The limit of a whole fetch: room for every partition handled at once to fill its own limit. Under kafkajs'
 * 10 MiB, three partitions of 5 MiB come back as two full ones and the remainder of the third, whose handler then
 * has little to do while the others work through theirs.
 */
export function fetchMaxBytes(maxBytesPerPartition: number | undefined, partitionsConsumedConcurrently: number): number {
  return Math.max(KAFKAJS_MAX_BYTES, (maxBytesPerPartition ?? KAFKAJS_MAX_BYTES_PER_PARTITION) * partitionsConsumedConcurrently);
}

/** Throw from a handler to skip retries: retrying cannot fix this batch (a bug, a broken invariant). */
export class PermanentHandlerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentHandlerError';
  }
}

export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  /** First record not processed: where the group resumes. */
  readonly offset: string;
}

export class ConsumerFailedError extends Error {
  constructor(
    readonly groupId: string,
    reason: string,
    /** Where the group resumes, when the failure is tied to a record. */
    readonly position: RecordPosition | null,
    cause: unknown,
  ) {
    const at = position ? ` at ${position.topic}[${position.partition}] offset ${position.offset}` : '';
    super(`Consumer group "${groupId}" stopped${at}: ${reason}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ConsumerFailedError';
  }
}

export type BatchConsumerState = 'idle' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface PartitionProgress {
  readonly topic: string;
  readonly partition: number;
  /** Next offset the group reads, as committed to Kafka. */
  readonly committedOffset: string;
  /** Records behind the end of the partition as of the last fetched batch. */
  readonly lag: number;
}

export interface BatchConsumerProgress {
  readonly groupId: string;
  readonly state: BatchConsumerState;
  readonly handledRecords: number;
  readonly deadLetteredRecords: number;
  readonly partitions: readonly PartitionProgress[];
  readonly error: ConsumerFailedError | null;
}

const DEFAULT_MAX_BATCH_SIZE = 500;
const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
// kafkajs waits up to 5 s by default for data on each fetch, which also delays a graceful stop.
const MAX_FETCH_WAIT_MS = 1_000;

export const isTransientByDefault = (error: unknown): boolean => !(error instanceof PermanentHandlerError);

type ChunkOutcome = 'processed' | 'abandoned';

function* chunksOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/**
 * Consumes one or more topics in batches, committing explicitly: a record's offset is committed only
 * after the handler has processed it (or it went to the DLQ), so a crash or a restart replays and
 * never skips. Invalid records go to the topic's DLQ and consumption goes on.
 */
export class BatchConsumer<T = unknown> {
  private readonly consumer: Consumer;
  private readonly dlqProducer: KafkaProducer;
  private readonly topics: readonly string[];
  private readonly retryDelays: readonly number[];
  private readonly maxBatchSize: number;
  private readonly isTransient: (error: unknown) => boolean;
  private currentState: BatchConsumerState = 'idle';
  private failure: ConsumerFailedError | null = null;
  private shutdown: Promise<void> | null = null;
  private readonly partitions = new Map<string, PartitionProgress>();
  private handledRecords = 0;
  private deadLetteredRecords = 0;

  constructor(
    private readonly client: KafkaClient,
    private readonly options: BatchConsumerOptions<T>,
  ) {
    this.topics = typeof options.topics === 'string' ? [options.topics] : [...options.topics];
    if (this.topics.length === 0) throw new RangeError(`Consumer group "${options.groupId}" subscribes to no topic`);
    // Fail at construction, not on the first poison record, when a topic has no DLQ name.
    this.topics.forEach(dlqTopicFor);
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(this.maxBatchSize) || this.maxBatchSize < 1) {
      throw new RangeError(`maxBatchSize must be an integer >= 1, got ${this.maxBatchSize}`);
    }
    const concurrency = options.partitionsConsumedConcurrently ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`partitionsConsumedConcurrently must be an integer >= 1, got ${concurrency}`);
    }
    this.retryDelays = backoffSchedule(options.retry ?? DEFAULT_RETRY_POLICY);
    this.isTransient = options.isTransient ?? isTransientByDefault;
    this.dlqProducer = new KafkaProducer(client);
    this.consumer = client.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
      maxWaitTimeInMs: MAX_FETCH_WAIT_MS,
      maxBytesPerPartition: options.maxBytesPerPartition,
      maxBytes: fetchMaxBytes(options.maxBytesPerPartition, concurrency),
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts itself after retriable errors; a crash without restart ends consumption.
      if (!payload.restart && this.currentState === 'running') {
        this.fail(new ConsumerFailedError(options.groupId, 'kafkajs crashed without restarting', null, payload.error));
      }
    });
  }

  get state(): BatchConsumerState {
    return this.currentState;
  }

  /** Joins the group and starts consuming; resolves once the member has its assignment. */
  async start(): Promise<void> {
    if (this.currentState !== 'idle') throw new Error(`Consumer group "${this.options.groupId}" cannot start: it is ${this.currentState}`);
    this.currentState = 'running';
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: this.options.fromBeginning ?? false });
      await this.consumer.run({
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.onBatch(payload),
      });
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Finishes the records in hand, commits them, leaves the group and closes the DLQ producer.
   * Safe to call more than once and after a failure.
   */
  async stop(): Promise<void> {
    if (this.currentState === 'idle') this.currentState = 'stopped';
    this.shutdown ??= (async () => {
      if (this.currentState === 'running') this.currentState = 'stopping';
      try {
        await this.consumer.disconnect();
      } finally {
        await this.dlqProducer.disconnect();
        if (this.currentState === 'stopping') this.currentState = 'stopped';
      }
    })();
    return this.shutdown;
  }

  progress(): BatchConsumerProgress {
    return {
      groupId: this.options.groupId,
      state: this.currentState,
      handledRecords: this.handledRecords,
      deadLetteredRecords: this.deadLetteredRecords,
      partitions: [...this.partitions.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition),
      error: this.failure,
    };
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    // After a failure nothing more is processed or committed, even if kafkajs fetches again.
    if (this.failure) return;
    const { topic, partition, highWatermark } = payload.batch;
    for (const chunk of chunksOf(payload.batch.messages, this.maxBatchSize)) {
      if (!payload.isRunning() || payload.isStale()) return;
      if ((await this.processChunk(topic, partition, chunk, payload)) === 'abandoned') return;
      const last = chunk[chunk.length - 1].offset;
      const next = (BigInt(last) + 1n).toString();
      payload.resolveOffset(last);
      await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
      this.partitions.set(`${topic}:${partition}`, {
        topic,
        partition,
        committedOffset: next,
        lag: Math.max(0, Number(BigInt(highWatermark) - BigInt(next))),
      });
      await payload.heartbeat();
    }
  }

  private async processChunk(topic: string, partition: number, chunk: KafkaMessage[], payload: EachBatchPayload): Promise<ChunkOutcome> {
    const valid: ConsumedRecord<T>[] = [];
    const rejected: ReturnType<typeof toDeadLetterMessage>[] = [];
    const failedAt = new Date();
    for (const message of chunk) {
      const decoded = decodeValue(message.value, this.options.validate);
      if (decoded.ok) valid.push(toConsumedRecord(topic, partition, message, decoded.value));
      else rejected.push(toDeadLetterMessage(message, { topic, partition, offset: message.offset, reason: decoded.reason, failedAt }));
    }
    if (rejected.length > 0) {
      // A failed DLQ send throws into kafkajs, which retries the batch: nothing is skipped.
      await this.dlqProducer.send(dlqTopicFor(topic), rejected);
      this.deadLetteredRecords += rejected.length;
      this.client.logger.warn(`Sent ${rejected.length} invalid record(s) of ${topic}[${partition}] to ${dlqTopicFor(topic)}`, {
        groupId: this.options.groupId,
      });
    }
    if (valid.length === 0) return 'processed';
    return this.handleWithRetry(valid, payload, chunk[0].offset);
  }

  private async handleWithRetry(records: ConsumedRecord<T>[], payload: EachBatchPayload, firstOffset: string): Promise<ChunkOutcome> {
    const { topic, partition } = payload.batch;
    const heartbeat = () => payload.heartbeat();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.handler(records, { topic, partition, attempt, heartbeat });
        this.handledRecords += records.length;
        return 'processed';
      } catch (error) {
        if (!this.isTransient(error) || attempt >= this.retryDelays.length) {
          payload.pause();
          const reason = `handler failed after ${attempt + 1} attempt(s)`;
          this.fail(new ConsumerFailedError(this.options.groupId, reason, { topic, partition, offset: firstOffset }, error));
          return 'abandoned';
        }
        const delayMs = this.retryDelays[attempt];
        this.client.logger.warn(`Batch handler failed on ${topic}[${partition}] from offset ${firstOffset}; retry ${attempt + 1}/${this.retryDelays.length} in ${delayMs} ms`, {
          groupId: this.options.groupId,
          error: error instanceof Error ? error.message : String(error),
        });
        // Stopping while backing off leaves the records uncommitted for the next member.
        if (!(await sleepWithHeartbeat(delayMs, heartbeat, () => payload.isRunning() && !payload.isStale()))) return 'abandoned';
      }
    }
  }

  private fail(error: ConsumerFailedError): void {
    if (this.failure) return;
    this.failure = error;
    this.currentState = 'failed';
    (this.options.onFatalError ?? ((e) => this.client.logger.error(e.message, { groupId: e.groupId })))(error);
    // Not awaited: kafkajs' disconnect waits for the batch in hand, which is the caller of fail().
    void this.stop().catch((stopError: unknown) =>
      this.client.logger.error(`Consumer group "${this.options.groupId}" did not stop cleanly after a failure`, { error: String(stopError) }),
    );
  }
}

export function createBatchConsumer<T = unknown>(client: KafkaClient, options: BatchConsumerOptions<T>): BatchConsumer<T> {
  return new BatchConsumer(client, options);
}
