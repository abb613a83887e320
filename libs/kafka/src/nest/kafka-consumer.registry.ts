import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { KafkaClient } from '../client/kafka-client';
import { BatchConsumer, type BatchConsumerOptions, type ConsumerHealth } from '../consumer/batch-consumer';
import { ConsumerObservers, type ConsumerObserver } from '../consumer/consumer-observer';
import { KafkaProducer } from '../producer/kafka-producer';
import { KAFKA_CLIENT } from './kafka.tokens';

/** What the registry needs of a consumer, whatever its record type. */
export type ConsumerHandle = Pick<BatchConsumer, 'start' | 'stop' | 'progress' | 'state' | 'health'>;

export interface ConsumersHealth {
  /** For readiness: `up` when every consumer progresses, else `down: ` and what holds each of the others up. */
  readonly readiness: string;
  /**
   * For liveness: `up` when every consumer runs and works, if only by retrying. A consumer backing off while its
   * database or broker is down stays live (a restart would not bring them back); a stopped or wedged one does not.
   */
  readonly liveness: string;
  readonly consumers: readonly ConsumerHealth[];
}

/**
 * Consumers registered here (from a provider's onModuleInit) start when the application has
 * bootstrapped and stop before it shuts down; the shared producer closes after them, since
 * handlers may still produce while finishing their batch.
 */
@Injectable()
export class KafkaConsumerRegistry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumers: ConsumerHandle[] = [];
  private readonly observers = new ConsumerObservers();
  private bootstrapped = false;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly client: KafkaClient,
    private readonly producer: KafkaProducer,
  ) {}

  register<T>(options: BatchConsumerOptions<T>): BatchConsumer<T> {
    if (this.bootstrapped) {
      throw new Error(`Consumer group "${options.groupId}" registered after bootstrap: register consumers in onModuleInit`);
    }
    const consumer = new BatchConsumer(this.client, { observer: this.observers, ...options });
    this.consumers.push(consumer);
    return consumer;
  }

  /** Per-batch hooks of every consumer of this registry, registered before or after this call (e.g. metrics). */
  observe(observer: ConsumerObserver): void {
    this.observers.add(observer);
  }

  list(): readonly ConsumerHandle[] {
    return this.consumers;
  }

  health(now = Date.now()): ConsumersHealth {
    const consumers = this.consumers.map((consumer) => consumer.health(now));
    const check = (failing: readonly ConsumerHealth[]) => (failing.length === 0 ? 'up' : `down: ${failing.map((c) => `${c.groupId}: ${c.reason}`).join('; ')}`);
    return { readiness: check(consumers.filter((c) => !c.ready)), liveness: check(consumers.filter((c) => !c.live)), consumers };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.bootstrapped = true;
    await Promise.all(this.consumers.map((c) => c.start()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    try {
      await Promise.all(this.consumers.map((c) => c.stop()));
    } finally {
      await this.producer.disconnect();
    }
  }
}
