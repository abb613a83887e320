import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { tryAdvisoryLock, type AdvisoryLease } from '@seg/db';
import type { DataSource } from 'typeorm';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';

export type TrainingLease = AdvisoryLease;

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
    return tryAdvisoryLock(this.dataSource, `training-run:${this.config.settings.TRAINING_DB_SCHEMA}`);
  }
}
