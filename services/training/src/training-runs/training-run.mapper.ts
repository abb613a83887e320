import { toChallengerReview } from '../review-model/challenger-review.mapper';
import type { TrainingRun } from './training-run.model';
import { mlflowRunUrl, type TrainingRunRecord } from './training-runs.repository';

export function toTrainingRun(run: TrainingRunRecord, trackingUri: string): TrainingRun {
  return {
    ...run,
    gate: run.gate === null ? null : { ...run.gate, checks: [...run.gate.checks], reasons: [...run.gate.reasons] },
    mlflowRunUrl: mlflowRunUrl(trackingUri, run.mlflowExperimentId, run.mlflowRunId),
    review: run.review === null || run.championVersion === null ? null : toChallengerReview(run.review, run.championVersion),
  };
}
