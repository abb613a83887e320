import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { checkWithin, healthReport } from '@seg/nest';
import type { DataSource } from 'typeorm';
import { ChampionHolder } from '../champion/champion.holder';

@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consumers: KafkaConsumerRegistry,
    private readonly champions: ChampionHolder,
  ) {}

  /**
   * Readiness: the database answers and both consumers progress. The loaded model is reported, not required: null
   * while waiting for the first promotion is healthy, the features are kept for the re-score that follows it.
   */
  @Get()
  async health() {
    const database = await checkWithin(() => this.dataSource.query('SELECT 1'));
    const consumers = this.consumers.health();
    const champion = this.champions.current();
    return healthReport({
      checks: { database, consumers: consumers.readiness },
      model: champion === null ? null : { version: champion.version, source: champion.source, loadedAt: champion.loadedAt.toISOString() },
      consumers: consumers.consumers,
    });
  }

  /** Liveness: both consumers run and work, if only by retrying an outage out; 503 when one stopped or is wedged. */
  @Get('live')
  live() {
    const consumers = this.consumers.health();
    return healthReport({ checks: { consumers: consumers.liveness }, consumers: consumers.consumers });
  }
}
