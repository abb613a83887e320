import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChallengerReview } from '@seg/ml';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReviewMap } from '../review-model/challenger-review';
import type { GateResult } from '../train-model/promotion-gate';

export const TRAINING_TRIGGERS = ['cli', 'cron', 'api', 'drift'] as const;
export type TrainingTrigger = (typeof TRAINING_TRIGGERS)[number];
/** awaiting-review: passed the gate in review mode, waiting for an admin; then succeeded (promoted), rejected or superseded. */
export type TrainingRunStatus = 'queued' | 'running' | 'awaiting-review' | 'succeeded' | 'failed' | 'rejected' | 'superseded';
export type FinishedRunStatus = Exclude<TrainingRunStatus, 'queued' | 'running'>;

/** A row of `training_runs`. */
export interface TrainingRunRecord {
  readonly id: string;
  readonly status: TrainingRunStatus;
  readonly trigger: TrainingTrigger;
  readonly stage: string;
  /** Percent, 0–100. */
  readonly progress: number;
  readonly params: Record<string, string | number> | null;
  readonly metrics: Record<string, number> | null;
  readonly gate: GateResult | null;
  readonly mlflowExperimentId: string | null;
  readonly mlflowRunId: string | null;
  readonly modelVersion: string | null;
  readonly error: string | null;
  readonly timingsMs: Record<string, number> | null;
  /** What promoting this run's model would change, against `championVersion` (null: no champion then, or the run failed first). */
  readonly review: ChallengerReview | null;
  readonly championVersion: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

/** The MLflow UI page of a run. */
export function mlflowRunUrl(trackingUri: string, experimentId: string | null, runId: string | null): string | null {
  return experimentId === null || runId === null ? null : `${trackingUri}/#/experiments/${experimentId}/runs/${runId}`;
}

export interface TrainingRunResults {
  readonly params?: Record<string, string | number>;
  readonly metrics?: Record<string, number>;
  readonly gate?: GateResult;
  readonly mlflowExperimentId?: string;
  readonly mlflowRunId?: string;
  readonly modelVersion?: string;
  readonly timingsMs?: Record<string, number>;
  readonly review?: ChallengerReview;
  readonly championVersion?: string;
}

const RESULT_COLUMNS: Record<keyof TrainingRunResults, { column: string; json: boolean }> = {
  params: { column: 'params', json: true },
  metrics: { column: 'metrics', json: true },
  gate: { column: 'gate', json: true },
  mlflowExperimentId: { column: 'mlflow_experiment_id', json: false },
  mlflowRunId: { column: 'mlflow_run_id', json: false },
  modelVersion: { column: 'model_version', json: false },
  timingsMs: { column: 'timings_ms', json: true },
  review: { column: 'review', json: true },
  championVersion: { column: 'champion_version', json: false },
};

function toRecord(row: Record<string, unknown>): TrainingRunRecord {
  return {
    id: row.id as string,
    status: row.status as TrainingRunStatus,
    trigger: row.trigger as TrainingTrigger,
    stage: row.stage as string,
    progress: row.progress as number,
    params: row.params as TrainingRunRecord['params'],
    metrics: row.metrics as TrainingRunRecord['metrics'],
    gate: row.gate as TrainingRunRecord['gate'],
    mlflowExperimentId: row.mlflow_experiment_id as string | null,
    mlflowRunId: row.mlflow_run_id as string | null,
    modelVersion: row.model_version as string | null,
    error: row.error as string | null,
    timingsMs: row.timings_ms as TrainingRunRecord['timingsMs'],
    startedAt: row.started_at as Date,
    finishedAt: row.finished_at as Date | null,
    review: row.review as ChallengerReview | null,
    championVersion: row.champion_version as string | null,
  };
}

@Injectable()
export class TrainingRunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `manager`: inside a caller's transaction (the run and its audit are written together). */
  async create(id: string, trigger: TrainingTrigger, manager: EntityManager = this.dataSource.manager): Promise<TrainingRunRecord> {
    const [row] = await manager.query(`INSERT INTO training_runs (id, status, trigger, stage) VALUES ($1, 'running', $2, 'starting') RETURNING *`, [
      id,
      trigger,
    ]);
    return toRecord(row);
  }

  async setProgress(id: string, stage: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE training_runs SET stage = $2, progress = $3 WHERE id = $1`, [id, stage, Math.round(progress)]);
  }

  async saveResults(id: string, results: TrainingRunResults): Promise<void> {
    const entries = Object.entries(results).filter(([, value]) => value !== undefined) as [keyof TrainingRunResults, unknown][];
    if (entries.length === 0) return;
    const sets = entries.map(([key], i) => `${RESULT_COLUMNS[key].column} = $${i + 2}`);
    const values = entries.map(([key, value]) => (RESULT_COLUMNS[key].json ? JSON.stringify(value) : value));
    await this.dataSource.query(`UPDATE training_runs SET ${sets.join(', ')} WHERE id = $1`, [id, ...values]);
  }

  async finish(id: string, status: 'succeeded' | 'failed' | 'awaiting-review', error: string | null): Promise<TrainingRunRecord> {
    const [[row]] = await this.dataSource.query(
      `UPDATE training_runs SET status = $2, error = $3, finished_at = now(), stage = $4, progress = CASE WHEN $5::boolean THEN 100 ELSE progress END
       WHERE id = $1 RETURNING *`,
      [id, status, error, status === 'failed' ? 'failed' : status === 'succeeded' ? 'done' : 'review', status !== 'failed'],
    );
    return toRecord(row);
  }

  /** Decides a run waiting for review (in the caller's transaction); null when it is not waiting (any more). */
  async decideReview(manager: EntityManager, id: string, status: Extract<FinishedRunStatus, 'succeeded' | 'rejected' | 'superseded'>): Promise<TrainingRunRecord | null> {
    const [rows] = await manager.query(`UPDATE training_runs SET status = $2, stage = 'done' WHERE id = $1 AND status = 'awaiting-review' RETURNING *`, [id, status]);
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  /** The runs waiting for review other than `except`, locked for the caller's transaction. */
  async awaitingReview(manager: EntityManager, except: string | null): Promise<TrainingRunRecord[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT * FROM training_runs WHERE status = 'awaiting-review' AND id IS DISTINCT FROM $1 ORDER BY started_at FOR UPDATE`,
      [except],
    );
    return rows.map(toRecord);
  }

  async saveReviewMap(id: string, map: ReviewMap): Promise<void> {
    await this.dataSource.query(`INSERT INTO review_maps (training_run_id, points) VALUES ($1, $2) ON CONFLICT (training_run_id) DO UPDATE SET points = EXCLUDED.points`, [
      id,
      JSON.stringify(map),
    ]);
  }

  async reviewMap(id: string): Promise<ReviewMap | null> {
    const [row] = await this.dataSource.query(`SELECT points FROM review_maps WHERE training_run_id = $1`, [id]);
    return (row?.points as ReviewMap | undefined) ?? null;
  }

  /** The start of the latest run with this trigger (the retrain-on-drift interval). */
  async lastStartedBy(trigger: TrainingTrigger): Promise<Date | null> {
    const [row] = await this.dataSource.query(`SELECT max(started_at) AS at FROM training_runs WHERE trigger = $1`, [trigger]);
    return (row?.at as Date | null) ?? null;
  }

  async byId(id: string): Promise<TrainingRunRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM training_runs WHERE id = $1`, [id]);
    return row === undefined ? null : toRecord(row);
  }

  async recent(first: number): Promise<TrainingRunRecord[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(`SELECT * FROM training_runs ORDER BY started_at DESC LIMIT $1`, [first]);
    return rows.map(toRecord);
  }

  /** The run holding the lock, if its row says so (for a clear refusal message). */
  async running(): Promise<TrainingRunRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM training_runs WHERE status = 'running' ORDER BY started_at DESC LIMIT 1`);
    return row === undefined ? null : toRecord(row);
  }
}
