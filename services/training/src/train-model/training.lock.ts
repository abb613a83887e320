import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';

export interface TrainingLease {
  release(): Promise<void>;
}

/**
 * One training run at a time across every process that shares the schema: a session-level advisory lock
 * held on a dedicated connection for the run's duration. If the process dies, PostgreSQL ends the session
 * and the lock goes with it, so no stale flag can block the next run.
 */
@Injectable()
export class TrainingLock {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  /** null when another run holds the lock. */
  async tryAcquire(): Promise<TrainingLease | null> {
    const key = `training-run:${this.config.settings.TRAINING_DB_SCHEMA}`;
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
