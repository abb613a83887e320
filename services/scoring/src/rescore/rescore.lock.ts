import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { tryAdvisoryLock, type AdvisoryLease } from '@seg/db';
import type { DataSource } from 'typeorm';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';

export type RescoreLease = AdvisoryLease;

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
    return tryAdvisoryLock(this.dataSource, `rescore:${this.config.settings.SCORING_DB_SCHEMA}`);
  }
}
