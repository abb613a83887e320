import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkWithin, healthReport } from '@seg/nest';
import type { DataSource } from 'typeorm';

@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Readiness: the database answers in time (the only dependency of this service). */
  @Get()
  async health() {
    return healthReport({ checks: { database: await checkWithin(() => this.dataSource.query('SELECT 1')) } });
  }

  /** Liveness: the process serves HTTP. Nothing else here can wedge: no consumer, no background work. */
  @Get('live')
  live() {
    return healthReport({ checks: {} });
  }
}
