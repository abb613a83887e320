import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { checkWithin, healthReport } from '@seg/nest';
import type { DataSource } from 'typeorm';

@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consumers: KafkaConsumerRegistry,
  ) {}

  /**
   * Readiness: the database answers and the feature consumer progresses. MLflow is deliberately not checked: it is
   * needed only during a run, and a run without it fails with the reason stored.
   */
  @Get()
  async health() {
    const database = await checkWithin(() => this.dataSource.query('SELECT 1'));
    const consumers = this.consumers.health();
    return healthReport({ checks: { database, consumers: consumers.readiness }, consumers: consumers.consumers });
  }

  /** Liveness: the feature consumer runs and works, if only by retrying an outage out; 503 when it stopped or is wedged. */
  @Get('live')
  live() {
    const consumers = this.consumers.health();
    return healthReport({ checks: { consumers: consumers.liveness }, consumers: consumers.consumers });
  }
}
