import type { GateResult } from '../train-model/promotion-gate';

export const TRAINING_TRIGGERS = ['cli', 'cron', 'api'] as const;
export type TrainingTrigger = (typeof TRAINING_TRIGGERS)[number];
export type TrainingRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

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
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

/** The MLflow UI page of a run. */
export function mlflowRunUrl(trackingUri: string, experimentId: string | null, runId: string | null): string | null {
  return experimentId === null || runId === null ? null : `${trackingUri}/#/experiments/${experimentId}/runs/${runId}`;
}
