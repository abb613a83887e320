import type { BinCounts, DriftModel, FeatureDriftReport } from '@seg/ml';
import type { ModelHealthAssessment } from './assess-model-health.usecase';
import type { FeatureDriftSignal, ModelHealth } from './model-health.model';

/** A feature report with each feature's reference and live histogram, the most drifted first (no figure: last). */
export function toFeatureDriftSignal(report: FeatureDriftReport, model: DriftModel | null, counts: BinCounts | null): FeatureDriftSignal {
  const features = report.features.map((feature) => {
    const j = model?.featureNames.indexOf(feature.feature) ?? -1;
    if (model === null || j < 0) return { ...feature, referenceShares: [], liveShares: [] };
    const [start, end] = [model.binStart[j], model.binStart[j + 1]];
    const total = counts?.total ?? 0;
    return {
      ...feature,
      referenceShares: Array.from(model.referenceShares.subarray(start, end)),
      liveShares: counts === null || total <= 0 ? new Array<number>(end - start).fill(0) : Array.from(counts.counts.subarray(start, end), (c) => c / total),
    };
  });
  features.sort((a, b) => (b.psi ?? -1) - (a.psi ?? -1));
  return { status: report.status, count: report.count, features };
}

export function toModelHealth(assessment: ModelHealthAssessment): ModelHealth {
  const { health, model } = assessment;
  return {
    modelName: assessment.modelName,
    version: assessment.version,
    status: health.status,
    computedAt: assessment.computedAt,
    window: assessment.window,
    replicas: assessment.replicas,
    inflow: toFeatureDriftSignal(health.inflow, model, assessment.inflowCounts),
    population: { ...toFeatureDriftSignal(health.population, model, assessment.populationCounts), builtAt: assessment.populationBuiltAt },
    segmentShares: { ...health.segmentShares, segments: health.segmentShares.segments.map((s) => ({ ...s })) },
    centroids: { ...health.centroids, clusters: health.centroids.clusters.map((c) => ({ ...c })) },
    championRejected: assessment.championRejected,
  };
}
