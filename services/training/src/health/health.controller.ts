import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { KafkaConsumerRegistry } from '@seg/kafka';
import type { DataSource } from 'typeorm';

/**
 * Readiness: the database answers and the feature consumer runs. MLflow is deliberately not checked:
 * it is needed only during a run, and a run without it fails with the reason stored.
 */
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consumers: KafkaConsumerRegistry,
  ) {}

  @Get()
  async health(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    const database = await this.dataSource.query('SELECT 1').then(
      () => 'up',
      (error: Error) => `down: ${error.message}`,
    );
    const stopped = this.consumers.list().filter((consumer) => consumer.state !== 'running');
    const checks = { database, consumers: stopped.length === 0 ? 'up' : `down: ${stopped.map((c) => c.progress().groupId).join(', ')} not running` };
    if (Object.values(checks).some((result) => result !== 'up')) throw new ServiceUnavailableException({ status: 'unavailable', checks });
    return { status: 'ok', checks };
  }
}
