import { mlflowRunUrl } from '../training-runs/training-runs.repository';
import type { ModelVersion } from './model-version.model';
import type { ModelVersionRecord } from './model-versions.repository';

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
