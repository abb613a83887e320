import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const CHECK_TIMEOUT_MS = 3_000;

/** Readiness: the database answers within CHECK_TIMEOUT_MS (the only dependency of this service). */
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  async health(): Promise<{ status: 'ok'; checks: { database: string } }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { status: 'ok', checks: { database: 'up' } };
    } catch (error) {
      const database = `down: ${error instanceof Error ? error.message : String(error)}`;
      throw new ServiceUnavailableException({ status: 'unavailable', checks: { database } });
    } finally {
      clearTimeout(timer);
    }
  }
}
