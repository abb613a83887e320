import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export type RescoreJobStatus = 'running' | 'succeeded' | 'failed' | 'superseded';

export interface RescoreJobRecord {
  readonly id: string;
  readonly modelVersion: string;
  readonly status: RescoreJobStatus;
  readonly total: number;
  readonly done: number;
  /** The last customer id re-scored: a resumed job continues after it. */
  readonly cursor: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly error: string | null;
}

const NOT_SCORED_BY = `SELECT 1 FROM customer_features f LEFT JOIN assignments a USING (customer_id) WHERE a.model_version IS DISTINCT FROM $1`;

const COLUMNS = `id, model_version AS "modelVersion", status, total, done, cursor, started_at AS "startedAt", finished_at AS "finishedAt", error`;

@Injectable()
export class RescoreJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(modelVersion: string, total: number): Promise<RescoreJobRecord> {
    const [job] = await this.dataSource.query(
      `INSERT INTO rescore_jobs (id, model_version, status, total) VALUES ($1, $2, 'running', $3) RETURNING ${COLUMNS}`,
      [randomUUID(), modelVersion, total],
    );
    return job;
  }

  async latest(): Promise<RescoreJobRecord | null> {
    const [job] = await this.dataSource.query(`SELECT ${COLUMNS} FROM rescore_jobs ORDER BY started_at DESC, id LIMIT 1`);
    return job ?? null;
  }

  /** The job a crash left running, if any (at most one runs: the re-score lock). */
  async unfinished(): Promise<RescoreJobRecord | null> {
    const [job] = await this.dataSource.query(`SELECT ${COLUMNS} FROM rescore_jobs WHERE status = 'running' ORDER BY started_at DESC LIMIT 1`);
    return job ?? null;
  }

  /** After a page's writes committed: a crash before it leaves the page's customers on the champion, skipped when the job resumes. */
  async advance(id: string, rows: number, cursor: string): Promise<void> {
    await this.dataSource.query(`UPDATE rescore_jobs SET done = done + $2, cursor = $3 WHERE id = $1`, [id, rows, cursor]);
  }

  /** Customers that arrived during the job count too: total is at least what was done. */
  async finish(id: string, status: Exclude<RescoreJobStatus, 'running'>, error: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE rescore_jobs SET status = $2, error = $3, finished_at = now(), total = greatest(total, done) WHERE id = $1`, [
      id,
      status,
      error,
    ]);
  }

  /** Whether some stored customer has no assignment by `modelVersion` (an anti-join that stops at the first). */
  async anyCustomerNotScoredBy(modelVersion: string): Promise<boolean> {
    const [{ pending }] = await this.dataSource.query(`SELECT EXISTS (${NOT_SCORED_BY}) AS pending`, [modelVersion]);
    return pending;
  }

  /** How many stored customers have no assignment by `modelVersion`: a new job's total. */
  async countNotScoredBy(modelVersion: string): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${NOT_SCORED_BY}) pending`, [modelVersion]);
    return n;
  }
}
