import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { KafkaProducer } from '@seg/kafka';
import { INGESTION_CONFIG, type IngestionConfig } from '../config/ingestion.config';
import { IngestionMetrics } from '../metrics/ingestion.metrics';
import { OutboxRepository, type OutboxRecord } from './outbox.repository';

/**
 * Publishes committed outbox messages to Kafka in id order and deletes them after the broker acknowledged
 * them. A crash between publish and delete re-publishes a few records (at least once, never lost); the
 * features topic is compacted and consumers upsert, so that is harmless. Runs after every commit
 * (`trigger`), at start-up for leftovers, and on an interval as a safety net.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private running: Promise<void> | null = null;
  private pending = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: KafkaProducer,
    private readonly metrics: IngestionMetrics,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.trigger(), this.config.settings.INGESTION_OUTBOX_INTERVAL_MS);
    this.trigger();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Drains the outbox soon; calls while a drain runs coalesce into one more pass. */
  trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.drainLoop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when the drain in progress (and the pass it owes) is over; for shutdown and tests. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainLoop(): Promise<void> {
    do {
      this.pending = false;
      try {
        let published: number | null = 1;
        while (!this.stopped && published !== null && published > 0) {
          published = await this.outbox.claimOldest(this.config.settings.INGESTION_OUTBOX_BATCH_SIZE, (records) => this.publish(records));
        }
      } catch (error) {
        // The messages stay in the outbox; the next trigger or tick retries them.
        this.logger.error(`Outbox publish failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    } while (this.pending && !this.stopped);
  }

  /** Each topic's messages in id order (the producer cuts them into requests). */
  private async publish(records: readonly OutboxRecord[]): Promise<void> {
    const byTopic = new Map<string, OutboxRecord[]>();
    for (const record of records) {
      const messages = byTopic.get(record.topic);
      if (messages) messages.push(record);
      else byTopic.set(record.topic, [record]);
    }
    await this.producer.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages: messages.map((m) => ({ key: m.key, value: m.payload })) })));
    this.metrics.relayed(records.length);
  }
}
