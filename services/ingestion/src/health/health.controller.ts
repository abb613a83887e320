import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { KAFKA_CLIENT, KafkaConsumerRegistry, listTopics, type KafkaClient } from '@seg/kafka';
import { OutboxRepository } from '../outbox/outbox.repository';

const CHECK_TIMEOUT_MS = 3_000;

type CheckResult = 'up' | string;

async function check(work: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([work(), timeout]);
    return 'up';
  } catch (error) {
    return `down: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness: the database answers, the broker answers, and every consumer is running. `outboxPending`
 * (events committed but not yet on Kafka) tells a caller when an ingest has been fully published.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient,
    private readonly consumers: KafkaConsumerRegistry,
    private readonly outbox: OutboxRepository,
  ) {}

  @Get()
  async health(): Promise<{ status: 'ok'; checks: Record<string, CheckResult>; outboxPending: number }> {
    let outboxPending = -1;
    // Counting the outbox is the database check too.
    const [database, kafka] = await Promise.all([
      check(async () => (outboxPending = await this.outbox.count())),
      check(() => listTopics(this.kafka)),
    ]);
    const stopped = this.consumers.list().filter((consumer) => consumer.state !== 'running');
    const checks = { database, kafka, consumers: stopped.length === 0 ? 'up' : `down: ${stopped.map((c) => c.progress().groupId).join(', ')} not running` };
    if (Object.values(checks).some((result) => result !== 'up')) throw new ServiceUnavailableException({ status: 'unavailable', checks });
    return { status: 'ok', checks, outboxPending };
  }
}
