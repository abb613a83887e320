import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { KafkaConsumerRegistry } from '@seg/kafka';
import type { DataSource } from 'typeorm';
import { ChampionStore } from '../champion/champion.store';

interface HealthReport {
  status: 'ok';
  checks: { database: string; consumers: string };
  /** The champion version scoring uses, and where it came from; null while waiting for the first promotion (healthy: events are kept). */
  model: { version: string; source: string; loadedAt: string } | null;
  consumers: { groupId: string; state: string }[];
}

/** Live when the database answers and both consumers run; the loaded model is reported, not required. */
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consumers: KafkaConsumerRegistry,
    private readonly champions: ChampionStore,
  ) {}

  @Get()
  async health(): Promise<HealthReport> {
    const database = await this.dataSource.query('SELECT 1').then(
      () => 'up',
      (error: Error) => `down: ${error.message}`,
    );
    const consumers = this.consumers.list().map((consumer) => ({ groupId: consumer.progress().groupId, state: consumer.state }));
    const stopped = consumers.filter((consumer) => consumer.state !== 'running');
    const champion = this.champions.current();
    const report: HealthReport = {
      status: 'ok',
      checks: { database, consumers: stopped.length === 0 ? 'up' : `down: ${stopped.map((c) => c.groupId).join(', ')} not running` },
      model: champion === null ? null : { version: champion.version, source: champion.source, loadedAt: champion.loadedAt.toISOString() },
      consumers,
    };
    if (Object.values(report.checks).some((result) => result !== 'up')) throw new ServiceUnavailableException({ ...report, status: 'unavailable' });
    return report;
  }
}
