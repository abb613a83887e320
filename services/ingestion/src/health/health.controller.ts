import { Controller, Get, Inject } from '@nestjs/common';
import { KAFKA_CLIENT, KafkaConsumerRegistry, listTopics, type KafkaClient } from '@seg/kafka';
import { checkWithin, healthReport } from '@seg/nest';
import { OutboxRepository } from '../outbox/outbox.repository';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient,
    private readonly consumers: KafkaConsumerRegistry,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Readiness: the database answers, the broker answers, and the raw-events consumer progresses (not stalled on a
   * failing database or broker). `outboxPending` (events committed but not yet on Kafka) tells a caller when an
   * ingest has been fully published.
   */
  @Get()
  async health() {
    let outboxPending = -1;
    // Counting the outbox is the database check too.
    const [database, kafka] = await Promise.all([checkWithin(async () => (outboxPending = await this.outbox.count())), checkWithin(() => listTopics(this.kafka))]);
    const consumers = this.consumers.health();
    return healthReport({ checks: { database, kafka, consumers: consumers.readiness }, consumers: consumers.consumers, outboxPending });
  }

  /** Liveness: the consumer runs and works, if only by retrying an outage out; 503 when it stopped or is wedged. */
  @Get('live')
  live() {
    const consumers = this.consumers.health();
    return healthReport({ checks: { consumers: consumers.liveness }, consumers: consumers.consumers });
  }
}
