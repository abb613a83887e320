import { REVIEW_SEGMENTS, type ChallengerReview as Review, type SegmentId } from '@seg/ml';
import type { ModelAuditRecord } from '../model-audit/model-audit.repository';
import type { ModelVersionRecord } from '../model-versions/model-versions.repository';
import type { ReviewMap as StoredReviewMap } from '../review-model/challenger-review';
import { mlflowRunUrl, type TrainingRunRecord } from '../training-runs/training-runs.repository';
import type { ChallengerReview, ModelAuditEntry, ModelVersion, ReviewMap, TrainingRun } from './training.models';

/** How the API names "no segment" in the review. */
export const UNASSIGNED = 'unassigned';

const segmentName = (id: SegmentId | null | undefined): string => id ?? UNASSIGNED;

export function toTrainingRun(run: TrainingRunRecord, trackingUri: string): TrainingRun {
  return {
    ...run,
    gate: run.gate === null ? null : { ...run.gate, checks: [...run.gate.checks], reasons: [...run.gate.reasons] },
    mlflowRunUrl: mlflowRunUrl(trackingUri, run.mlflowExperimentId, run.mlflowRunId),
    review: run.review === null || run.championVersion === null ? null : toChallengerReview(run.review, run.championVersion),
  };
}

export function toChallengerReview(review: Review, championVersion: string): ChallengerReview {
  return {
    championVersion,
    customers: review.customers,
    segments: REVIEW_SEGMENTS.map(segmentName),
    moves: review.moves.map((row) => [...row]),
    agreement: review.agreement,
    offerChanges: { ...review.offerChanges },
    shares: review.shares.map((share) => ({ ...share })),
  };
}

export function toReviewMap(map: StoredReviewMap): ReviewMap {
  return {
    customers: map.customers,
    points: map.customerIds.map((customerId, i) => ({
      customerId,
      x: map.x[i],
      y: map.y[i],
      championSegment: segmentName(map.segments[map.champion[i]]),
      challengerSegment: segmentName(map.segments[map.challenger[i]]),
      moved: map.champion[i] !== map.challenger[i],
    })),
  };
}

export function toModelAuditEntry(record: ModelAuditRecord): ModelAuditEntry {
  return {
    id: record.id,
    action: record.action,
    modelName: record.modelName,
    modelVersion: record.modelVersion,
    trainingRunId: record.trainingRunId,
    callerId: record.caller.id,
    callerName: record.caller.name,
    detail: { force: record.detail.force ?? null, reason: record.detail.reason ?? null },
    at: record.at,
  };
}

export function toModelVersion(version: ModelVersionRecord, trackingUri: string): ModelVersion {
  const { bundle } = version;
  return {
    modelName: version.modelName,
    version: version.version,
    isChampion: version.isChampion,
    promotedAt: version.promotedAt,
    forced: version.forced,
    trainingRunId: version.trainingRunId,
    mlflowRunId: version.mlflowRunId,
    mlflowRunUrl: mlflowRunUrl(trackingUri, version.mlflowExperimentId, version.mlflowRunId) as string,
    bundleUri: version.bundleUri,
    metrics: version.metrics,
    segments: bundle.segments.map((s) => ({
      cluster: s.cluster,
      segmentId: s.segmentId,
      label: s.label,
      share: bundle.profiles.clusters.find((p) => p.cluster === s.cluster)?.share ?? null,
    })),
    kSweep: (bundle.kSweep ?? []).map((entry) => ({ ...entry, sizes: [...entry.sizes] })),
    profiles: bundle.profiles,
    createdAt: version.createdAt,
  };
}
