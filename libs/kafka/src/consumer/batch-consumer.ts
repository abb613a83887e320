import { dlqTopicFor } from '@seg/contracts';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { KafkaClient } from '../client/kafka-client';
import { DEFAULT_CONSUMER_HEALTH } from '../config/kafka-config';
import { KafkaProducer } from '../producer/kafka-producer';
import type { OutgoingMessage } from '../producer/outgoing-message';
import { startProcessSpan } from '../tracing/kafka-tracing';
import { DEFAULT_RETRY_POLICY, retryDelay, sleepWithHeartbeat, validateRetryPolicy, type RetryPolicy } from './backoff';
import type { ConsumerObserver, DeadLetterKind } from './consumer-observer';
import { toDeadLetterMessage, toTruncatedDeadLetterMessage } from './dead-letter';
import { decodeValue, toConsumedRecord, type ConsumedRecord, type RecordValidator } from './decode-record';
import { LagProbe } from './lag-probe';
import { PartitionTracker, type PartitionProgress } from './partition-tracker';

export type { PartitionProgress } from './partition-tracker';

export interface BatchContext {
  readonly topic: string;
  readonly partition: number;
  /** 0 on the first call for these records, then 1, 2… on retries. */
  readonly attempt: number;
  /** Call during long work so the group does not consider this member dead (and liveness sees it working). */
  heartbeat(): Promise<void>;
}

/** Must be idempotent: after a crash the records since the last commit are delivered again. */
export type BatchHandler<T> = (records: ConsumedRecord<T>[], context: BatchContext) => Promise<void>;

export interface BatchConsumerOptions<T = unknown> {
  readonly groupId: string;
  readonly topics: string | readonly string[];
  readonly handler: BatchHandler<T>;
  readonly validate?: RecordValidator<T>;
  /**
   * Hand tombstones (records without a value: a key deleted on a compacted topic) to the handler as `value: null`,
   * without validation; T must then admit null. Off: a tombstone goes to `validate` as null (a schema refuses it: DLQ).
   */
  readonly tombstones?: boolean;
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
  /** Backoff of a failing handler, a failing DLQ send and a crashed kafkajs consumer; see RetryPolicy. */
  readonly retry?: RetryPolicy;
  /** Which handler errors are worth retrying; by default all but PermanentHandlerError. */
  readonly isTransient?: (error: unknown) => boolean;
  /**
   * How long the consumer may show no sign of work (a fetch, a handler attempt or heartbeat, a backoff step, a
   * restart) before `health()` calls it not live: wedged, and worth a process restart. Default: the client's
   * `consumerHealth` (KAFKA_CONSUMER_LIVENESS_TIMEOUT_MS), 120 s.
   */
  readonly livenessTimeoutMs?: number;
  /**
   * How long an assigned partition with lag may go without a commit, while the consumer is not backing off an outage,
   * before `health()` calls the consumer not live: busy-looking but not consuming (heartbeats and fetches go on, no
   * record is handled). Default: the client's `consumerHealth` (KAFKA_CONSUMER_PROGRESS_TIMEOUT_MS), 300 s.
   */
  readonly progressTimeoutMs?: number;
  /** How often the broker is asked for the assigned partitions' end offsets (KAFKA_CONSUMER_LAG_PROBE_MS, 15 s). */
  readonly lagProbeIntervalMs?: number;
  /** Per-batch hooks, e.g. metrics. */
  readonly observer?: ConsumerObserver;
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

/**
 * Throw from a handler when retrying cannot help because of the records themselves (one violates a rule the
 * validator does not know). The batch is halved until the records that fail alone are found: those go to the DLQ
 * with the reason, the others are handled, and the partition moves on. An error that is not about the records (a
 * bug, a missing table, an outage) must stay transient: it is retried until it passes, with the consumer reported
 * stalled meanwhile, instead of dead-lettering every record.
 */
export class PermanentHandlerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentHandlerError';
  }
}

export type BatchConsumerState = 'idle' | 'running' | 'stopping' | 'stopped';

/** Why a consumer cannot progress, and since when. */
export interface ConsumerStall {
  readonly since: Date;
  readonly reason: string;
}

export interface BatchConsumerProgress {
  readonly groupId: string;
  readonly state: BatchConsumerState;
  readonly handledRecords: number;
  readonly deadLetteredRecords: number;
  /** Group joins of this member since it started (a rebalance each, after the first). */
  readonly rebalances: number;
  readonly partitions: readonly PartitionProgress[];
  /** Set while the handler or the DLQ keeps failing past the quick retries, or kafkajs is restarting; null while progressing. */
  readonly stall: ConsumerStall | null;
  /** The last sign of work: a fetch, a handler attempt or heartbeat, a backoff step, a restart. */
  readonly lastActivityAt: Date;
}

export interface ConsumerHealth {
  readonly groupId: string;
  readonly state: BatchConsumerState;
  /** Running and progressing: what readiness asks. */
  readonly ready: boolean;
  /** Running and working, even if only retrying: what liveness asks. False when stopped or wedged. */
  readonly live: boolean;
  /** When it stopped progressing (ISO time), if it has. */
  readonly stalledSince: string | null;
  /** Why it is not ready or not live; null when it is both. */
  readonly reason: string | null;
}

const DEFAULT_MAX_BATCH_SIZE = 500;
const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
// kafkajs waits up to 5 s by default for data on each fetch, which also delays a graceful stop.
const MAX_FETCH_WAIT_MS = 1_000;
const KAFKA_STALL = 'kafka';

export const isTransientByDefault = (error: unknown): boolean => !(error instanceof PermanentHandlerError);

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The broker's refusal of a produce request as too large, wherever kafkajs wrapped it; null for any other error. */
export function tooLargeRefusal(error: unknown): string | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; depth++) {
    const type = (current as { type?: unknown }).type;
    if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') return `${type}: ${current.message}`;
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested)) return nested.map(tooLargeRefusal).find((refusal) => refusal !== null) ?? null;
    current = current.cause;
  }
  return null;
}

type ChunkOutcome = 'processed' | 'abandoned';
type AttemptsOutcome = { readonly outcome: 'done' | 'abandoned' } | { readonly outcome: 'permanent'; readonly error: unknown };

interface RejectedRecord {
  readonly message: KafkaMessage;
  readonly reason: string;
  readonly kind: DeadLetterKind;
}

function* chunksOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/**
 * Consumes one or more topics in batches, committing explicitly: a record's offset is committed only after the
 * handler has processed it (or it went to the DLQ), so a crash or a restart replays and never skips. Invalid
 * records go to the topic's DLQ and consumption goes on. It never gives up: a failing handler or DLQ is retried
 * with a capped backoff until it passes, and kafkajs is restarted whenever it stops on its own; `health()` says
 * meanwhile that the consumer is not progressing.
 */
export class BatchConsumer<T = unknown> {
  private consumer: Consumer;
  private readonly dlqProducer: KafkaProducer;
  private readonly topics: readonly string[];
  private readonly retry: RetryPolicy;
  private readonly maxBatchSize: number;
  private readonly concurrency: number;
  private readonly isTransient: (error: unknown) => boolean;
  private readonly livenessTimeoutMs: number;
  private readonly progressTimeoutMs: number;
  private readonly lagProbeIntervalMs: number;
  private readonly lagProbe: LagProbe;
  private lagProbeTimer: NodeJS.Timeout | null = null;
  private readonly observer: ConsumerObserver;
  private currentState: BatchConsumerState = 'idle';
  private shutdown: Promise<void> | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private restarting: Promise<void> | null = null;
  private restarts = 0;
  private readonly stalls = new Map<string, ConsumerStall>();
  private lastActivityAt = new Date();
  private readonly partitions = new PartitionTracker();
  private handledRecords = 0;
  private deadLetteredRecords = 0;
  private rebalances = 0;

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
    this.concurrency = options.partitionsConsumedConcurrently ?? 1;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new RangeError(`partitionsConsumedConcurrently must be an integer >= 1, got ${this.concurrency}`);
    }
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    validateRetryPolicy(this.retry);
    // kafkajs' own restart after a broker outage takes up to ~20 s (connection retries, then its restart delay), a
    // rebalance up to its 60 s timeout: the default liveness timeout (120 s) is longer than both.
    const health = client.config.consumerHealth ?? DEFAULT_CONSUMER_HEALTH;
    this.livenessTimeoutMs = options.livenessTimeoutMs ?? health.livenessTimeoutMs;
    this.progressTimeoutMs = options.progressTimeoutMs ?? health.progressTimeoutMs;
    this.lagProbeIntervalMs = options.lagProbeIntervalMs ?? health.lagProbeIntervalMs;
    this.lagProbe = new LagProbe(client, options.groupId, options.fromBeginning ?? false);
    this.observer = options.observer ?? {};
    this.isTransient = options.isTransient ?? isTransientByDefault;
    // gzip: a rejected record may be as large as the broker took compressed; sent as is, its copy would not fit.
    this.dlqProducer = new KafkaProducer(client, { compression: 'gzip' });
    this.consumer = this.createConsumer();
  }

  get state(): BatchConsumerState {
    return this.currentState;
  }

  /** Joins the group and starts consuming; resolves once the member has its assignment. */
  async start(): Promise<void> {
    if (this.currentState !== 'idle') throw new Error(`Consumer group "${this.options.groupId}" cannot start: it is ${this.currentState}`);
    this.currentState = 'running';
    this.touch();
    this.lagProbeTimer = setInterval(() => void this.probeLag(), this.lagProbeIntervalMs);
    this.lagProbeTimer.unref();
    try {
      await this.run(this.consumer);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Finishes the records in hand, commits them, leaves the group and closes the DLQ producer.
   * Safe to call more than once.
   */
  async stop(): Promise<void> {
    if (this.currentState === 'idle') this.currentState = 'stopped';
    this.shutdown ??= (async () => {
      if (this.currentState === 'running') this.currentState = 'stopping';
      if (this.restartTimer) clearTimeout(this.restartTimer);
      if (this.lagProbeTimer) clearInterval(this.lagProbeTimer);
      try {
        await this.restarting;
        await this.consumer.disconnect();
      } finally {
        await Promise.all([this.dlqProducer.disconnect(), this.lagProbe.close().catch(() => undefined)]);
        this.currentState = 'stopped';
      }
    })();
    return this.shutdown;
  }

  progress(): BatchConsumerProgress {
    const stalls = [...this.stalls.values()].sort((a, b) => a.since.getTime() - b.since.getTime());
    return {
      groupId: this.options.groupId,
      state: this.currentState,
      handledRecords: this.handledRecords,
      deadLetteredRecords: this.deadLetteredRecords,
      rebalances: this.rebalances,
      partitions: this.partitions.list(),
      stall: stalls.length === 0 ? null : { since: stalls[0].since, reason: stalls.map((s) => s.reason).join('; ') },
      lastActivityAt: this.lastActivityAt,
    };
  }

  health(now = Date.now()): ConsumerHealth {
    return consumerHealth(this.progress(), this.livenessTimeoutMs, now, this.progressTimeoutMs);
  }

  /** Reads the assigned partitions' end offsets and the group's commits from the broker: lag even without fetches. */
  private async probeLag(): Promise<void> {
    const assigned = this.partitions.assigned();
    if (this.currentState !== 'running' || assigned.length === 0) return;
    const wanted = new Set(assigned.map((p) => `${p.topic}:${p.partition}`));
    try {
      const now = Date.now();
      for (const p of await this.lagProbe.probe([...new Set(assigned.map((a) => a.topic))])) {
        if (wanted.has(`${p.topic}:${p.partition}`)) this.partitions.probed(p.topic, p.partition, p.high, p.committed, now);
      }
    } catch (error) {
      // The consumer itself reports a broker outage; a missed probe only leaves the last lag in place.
      this.client.logger.debug(`Lag probe of consumer group "${this.options.groupId}" failed: ${errorMessage(error)}`, { groupId: this.options.groupId });
    }
  }

  private createConsumer(): Consumer {
    const consumer = this.client.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
      maxWaitTimeInMs: MAX_FETCH_WAIT_MS,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      maxBytes: fetchMaxBytes(this.options.maxBytesPerPartition, this.concurrency),
    });
    const { FETCH_START, FETCH, HEARTBEAT, GROUP_JOIN, CONNECT, CRASH } = consumer.events;
    for (const event of [FETCH_START, HEARTBEAT, GROUP_JOIN, CONNECT]) consumer.on(event, () => this.touch());
    consumer.on(GROUP_JOIN, ({ payload }) => {
      this.partitions.assign(payload.memberAssignment, Date.now());
      this.rebalances++;
      this.observer.rebalanced?.(this.options.groupId);
      void this.probeLag();
    });
    consumer.on(FETCH, () => {
      // A completed fetch: the broker answers and this member is in the group.
      this.touch();
      this.stalls.delete(KAFKA_STALL);
      this.restarts = 0;
    });
    consumer.on(CRASH, ({ payload }) => {
      if (consumer !== this.consumer || this.currentState !== 'running') return;
      this.touch();
      this.stallOn(KAFKA_STALL, `kafkajs crashed: ${errorMessage(payload.error)}`);
      // kafkajs restarts itself after retriable errors only; anything else would end consumption for good.
      if (!payload.restart) this.scheduleRestart(payload.error);
    });
    return consumer;
  }

  private async run(consumer: Consumer): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics], fromBeginning: this.options.fromBeginning ?? false });
    await consumer.run({
      partitionsConsumedConcurrently: this.concurrency,
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private scheduleRestart(cause: unknown): void {
    if (this.restartTimer) return;
    const delayMs = retryDelay(this.retry, this.restarts++);
    this.client.logger.error(`Consumer group "${this.options.groupId}" stopped consuming (${errorMessage(cause)}); restarting it in ${delayMs} ms`, {
      groupId: this.options.groupId,
      restart: this.restarts,
    });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.restarting = this.restart().finally(() => (this.restarting = null));
    }, delayMs);
  }

  /** A new kafkajs consumer in place of the crashed one (already disconnected by kafkajs): same group, same offsets. */
  private async restart(): Promise<void> {
    if (this.currentState !== 'running') return;
    this.touch();
    this.consumer = this.createConsumer();
    try {
      await this.run(this.consumer);
    } catch (error) {
      await this.consumer.disconnect().catch(() => undefined);
      if (this.currentState !== 'running') return;
      this.stallOn(KAFKA_STALL, `kafkajs could not restart: ${errorMessage(error)}`);
      this.scheduleRestart(error);
    }
  }

  private touch(): void {
    this.lastActivityAt = new Date();
  }

  private stallOn(key: string, reason: string): void {
    this.stalls.set(key, { since: this.stalls.get(key)?.since ?? new Date(), reason });
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, highWatermark } = payload.batch;
    for (const chunk of chunksOf(payload.batch.messages, this.maxBatchSize)) {
      if (!payload.isRunning() || payload.isStale()) return;
      const started = performance.now();
      if ((await this.processChunk(chunk, payload)) === 'abandoned') return;
      const last = chunk[chunk.length - 1].offset;
      const next = (BigInt(last) + 1n).toString();
      payload.resolveOffset(last);
      await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
      this.partitions.committed(topic, partition, next, highWatermark, Date.now());
      this.observer.batchHandled?.({ groupId: this.options.groupId, topic, partition, records: chunk.length, seconds: (performance.now() - started) / 1_000 });
      await payload.heartbeat();
    }
  }

  private async processChunk(chunk: KafkaMessage[], payload: EachBatchPayload): Promise<ChunkOutcome> {
    const { topic, partition } = payload.batch;
    const valid: ConsumedRecord<T>[] = [];
    const validMessages: KafkaMessage[] = [];
    const rejected: RejectedRecord[] = [];
    for (const message of chunk) {
      const decoded = decodeValue(message.value, this.options.validate, this.options.tombstones);
      if (decoded.ok) {
        valid.push(toConsumedRecord(topic, partition, message, decoded.value));
        validMessages.push(message);
      } else {
        rejected.push({ message, reason: decoded.reason, kind: decoded.kind });
      }
    }
    // One span for the batch, linked to its records' producers (the DLQ copies keep their traceparent).
    const span = startProcessSpan(this.options.groupId, topic, partition, chunk.length, valid.map((record) => record.headers));
    try {
      const outcome = await span.run(async (): Promise<ChunkOutcome> => {
        if (rejected.length > 0 && (await this.deadLetter(rejected, payload)) === 'abandoned') return 'abandoned';
        if (valid.length === 0) return 'processed';
        return this.handle(valid, validMessages, payload);
      });
      span.end();
      return outcome;
    } catch (error) {
      span.end(error);
      throw error;
    }
  }

  /**
   * Hands the records to the handler until it succeeds. On a permanent error the records are halved and each half
   * handled the same way, down to single records, which go to the DLQ with the error as the reason.
   */
  private async handle(records: ConsumedRecord<T>[], messages: KafkaMessage[], payload: EachBatchPayload): Promise<ChunkOutcome> {
    const { topic, partition } = payload.batch;
    const heartbeat = async () => {
      this.touch();
      await payload.heartbeat();
    };
    const result = await this.attemptUntilDone('handler', records[0].offset, payload, this.isTransient, (attempt) =>
      this.options.handler(records, { topic, partition, attempt, heartbeat }),
    );
    if (result.outcome === 'done') this.handledRecords += records.length;
    if (result.outcome !== 'permanent') return result.outcome === 'done' ? 'processed' : 'abandoned';
    if (records.length === 1) {
      return this.deadLetter([{ message: messages[0], reason: `handler failed permanently: ${errorMessage(result.error)}`, kind: 'handler-failed' }], payload);
    }
    const half = Math.ceil(records.length / 2);
    this.client.logger.warn(`Batch handler failed permanently on ${topic}[${partition}] from offset ${records[0].offset}; retrying its ${records.length} records in halves`, {
      groupId: this.options.groupId,
      error: errorMessage(result.error),
    });
    if ((await this.handle(records.slice(0, half), messages.slice(0, half), payload)) === 'abandoned') return 'abandoned';
    return this.handle(records.slice(half), messages.slice(half), payload);
  }

  /** Every error is worth retrying here: a record must reach the DLQ before its offset is committed. */
  private async deadLetter(rejected: readonly RejectedRecord[], payload: EachBatchPayload): Promise<ChunkOutcome> {
    const { topic, partition } = payload.batch;
    const dlq = dlqTopicFor(topic);
    const failedAt = new Date();
    const letters = rejected.map(({ message, reason }) => ({ message, letter: { topic, partition, offset: message.offset, reason, failedAt } }));
    const result = await this.attemptUntilDone('dead-lettering', rejected[0].message.offset, payload, () => true, async () => {
      try {
        await this.dlqProducer.send(dlq, letters.map(({ message, letter }) => toDeadLetterMessage(message, letter)));
      } catch (error) {
        if (tooLargeRefusal(error) === null) throw error;
        // One by one, so that only a record refused on its own is cut down.
        for (const { message, letter } of letters) await this.sendDeadLetter(dlq, toDeadLetterMessage(message, letter), (refusal) => toTruncatedDeadLetterMessage(message, letter, refusal));
      }
    });
    if (result.outcome !== 'done') return 'abandoned';
    this.deadLetteredRecords += rejected.length;
    const byKind = new Map<DeadLetterKind, number>();
    for (const { kind } of rejected) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    for (const [kind, records] of byKind) this.observer.deadLettered?.({ groupId: this.options.groupId, topic, kind, records });
    this.client.logger.warn(`Sent ${rejected.length} record(s) of ${topic}[${partition}] to ${dlq}`, { groupId: this.options.groupId });
    return 'processed';
  }

  private async sendDeadLetter(dlq: string, copy: OutgoingMessage, truncated: (refusal: string) => OutgoingMessage): Promise<void> {
    try {
      await this.dlqProducer.send(dlq, [copy]);
    } catch (error) {
      const refusal = tooLargeRefusal(error);
      if (refusal === null) throw error;
      this.client.logger.warn(`The broker refused a DLQ copy as too large (${refusal}); sending it truncated`, { groupId: this.options.groupId, dlq });
      await this.dlqProducer.send(dlq, [truncated(refusal)]);
    }
  }

  /**
   * Runs `work` until it succeeds, a permanent error comes, or the consumer stops or loses the partition: quick
   * retries first, then (reported as a stall of this partition) at the capped delay, for as long as it takes.
   */
  private async attemptUntilDone(
    what: string,
    firstOffset: string,
    payload: EachBatchPayload,
    isTransient: (error: unknown) => boolean,
    work: (attempt: number) => Promise<void>,
  ): Promise<AttemptsOutcome> {
    const { topic, partition } = payload.batch;
    const where = `${topic}[${partition}]`;
    const context = { groupId: this.options.groupId };
    const heartbeat = async () => {
      this.touch();
      await payload.heartbeat();
    };
    try {
      for (let attempt = 0; ; attempt++) {
        this.touch();
        try {
          await work(attempt);
          if (this.stalls.has(where)) this.client.logger.warn(`${what} on ${where} succeeded after ${attempt + 1} attempts; the consumer progresses again`, context);
          return { outcome: 'done' };
        } catch (error) {
          if (!isTransient(error)) return { outcome: 'permanent', error };
          const delayMs = retryDelay(this.retry, attempt);
          if (attempt < this.retry.retries) {
            this.client.logger.warn(`${what} failed on ${where} from offset ${firstOffset}; retry ${attempt + 1}/${this.retry.retries} in ${delayMs} ms`, { ...context, error: errorMessage(error) });
          } else {
            this.stallOn(where, `${what} failing on ${where} from offset ${firstOffset}: ${errorMessage(error)}`);
            this.client.logger.error(`${what} still failing on ${where} from offset ${firstOffset} after ${attempt + 1} attempts; the consumer is stalled and tries again in ${delayMs} ms`, {
              ...context,
              error: errorMessage(error),
            });
          }
          // Stopping or losing the partition while backing off leaves the records uncommitted for the next member.
          if (!(await sleepWithHeartbeat(delayMs, heartbeat, () => payload.isRunning() && !payload.isStale()))) return { outcome: 'abandoned' };
        }
      }
    } finally {
      this.stalls.delete(where);
    }
  }
}

/**
 * Readiness and liveness of a consumer from its progress: pure, so that the rules are tested without a broker. Not
 * live: stopped, silent for `livenessTimeoutMs`, or with lag on an assigned partition and no commit on it for
 * `progressTimeoutMs` while not backing off an outage (a stall keeps it live: a restart would not end the outage).
 */
export function consumerHealth(progress: BatchConsumerProgress, livenessTimeoutMs: number, now: number, progressTimeoutMs = Number.POSITIVE_INFINITY): ConsumerHealth {
  const silentMs = now - progress.lastActivityAt.getTime();
  const running = progress.state === 'running';
  const silent = running && silentMs > livenessTimeoutMs;
  const stuck = running && !silent && progress.stall === null ? noProgressOf(progress.partitions, now, progressTimeoutMs) : null;
  const live = running && !silent && stuck === null;
  const ready = live && progress.stall === null;
  let reason: string | null = null;
  if (!running) reason = `consumer is ${progress.state}`;
  else if (silent) reason = `no sign of work for ${Math.round(silentMs / 1_000)} s`;
  else if (stuck) reason = `lag of ${stuck.lag} on ${stuck.topic}[${stuck.partition}] and no progress for ${Math.round((now - stuck.lastProgressAt.getTime()) / 1_000)} s`;
  else if (progress.stall) reason = progress.stall.reason;
  return { groupId: progress.groupId, state: progress.state, ready, live, stalledSince: progress.stall?.since.toISOString() ?? null, reason };
}

/** The assigned partition with lag that has gone longest without a commit, past the timeout. */
function noProgressOf(partitions: readonly PartitionProgress[], now: number, timeoutMs: number): PartitionProgress | null {
  let worst: PartitionProgress | null = null;
  for (const p of partitions) {
    if (!p.assigned || p.lag === 0 || now - p.lastProgressAt.getTime() <= timeoutMs) continue;
    if (worst === null || p.lastProgressAt < worst.lastProgressAt) worst = p;
  }
  return worst;
}

export function createBatchConsumer<T = unknown>(client: KafkaClient, options: BatchConsumerOptions<T>): BatchConsumer<T> {
  return new BatchConsumer(client, options);
}
