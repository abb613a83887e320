import type { ModelAuditRecord } from '../model-audit/model-audit.record';
import type { ModelVersionRecord } from '../model-versions/model-version.record';
import { mlflowRunUrl, type TrainingRunRecord } from '../training-runs/training-run.record';
import type { ModelAuditEntry, ModelVersion, TrainingRun } from './training.models';

export function toTrainingRun(run: TrainingRunRecord, trackingUri: string): TrainingRun {
  return { ...run, gate: run.gate === null ? null : { ...run.gate, checks: [...run.gate.checks], reasons: [...run.gate.reasons] }, mlflowRunUrl: mlflowRunUrl(trackingUri, run.mlflowExperimentId, run.mlflowRunId) };
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

export function toModelAuditEntry(record: ModelAuditRecord): ModelAuditEntry {
  return {
    id: record.id,
    action: record.action,
    modelName: record.modelName,
    modelVersion: record.modelVersion,
    trainingRunId: record.trainingRunId,
    callerId: record.caller.id,
    callerName: record.caller.name,
    detail: record.detail,
    at: record.at,
  };
}
