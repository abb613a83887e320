import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';

export interface RescoreLease {
  release(): Promise<void>;
}

/**
 * One re-score at a time across every process that shares the schema: a session-level advisory lock held
 * on a dedicated connection for the job's duration. If the process dies, PostgreSQL ends the session and
 * the lock goes with it; the next boot resumes the job from its cursor.
 */
@Injectable()
export class RescoreLock {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  /** null when another process holds the lock. */
  async tryAcquire(): Promise<RescoreLease | null> {
    const key = `rescore:${this.config.settings.SCORING_DB_SCHEMA}`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [key]);
      if (!locked) {
        await runner.release();
        return null;
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    return {
      release: async () => {
        try {
          await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
        } finally {
          await runner.release();
        }
      },
    };
  }
}
