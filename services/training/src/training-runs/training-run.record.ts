import type { ChallengerReview } from '@seg/ml';
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
