import type { MetricPoint } from '@seg/mlflow';
import type { ModelBundle } from '@seg/ml';
import type { SweepRange } from '../config/training.config';
import { orderedSegmentIds, segmentShares } from './segment-shares';

/** Every pipeline setting, the sweep range, and what the model was trained on. */
export function runParams(bundle: ModelBundle, sweep: SweepRange | false): Record<string, string | number> {
  const { config, trainingData } = bundle;
  return {
    impute: config.impute,
    log1p_columns: config.log1pColumns.join(',') || 'none',
    exclude_columns: config.excludeColumns.join(',') || 'none',
    scaler: config.scaler,
    k: config.k,
    n_init: config.nInit,
    seed: config.seed,
    max_iterations: config.maxIterations,
    tolerance: config.tolerance,
    k_sweep: sweep === false ? 'none' : `${sweep.from}-${sweep.to}`,
    silhouette_mode: bundle.metrics.silhouetteMode,
    data_fingerprint: trainingData.fingerprint,
    row_count: trainingData.rows,
  };
}

/**
 * The model's figures by metric name: fit quality, PCA explained variance and each segment's share. These
 * are also the metrics of a version in the database and in `models.promoted.v1`. A silhouette that was
 * not computed is left out (MLflow takes finite numbers only).
 */
export function summaryMetrics(bundle: ModelBundle): Record<string, number> {
  const { metrics, pca } = bundle;
  const summary: Record<string, number> = {
    inertia: metrics.inertia,
    daviesBouldin: metrics.daviesBouldin,
    calinskiHarabasz: metrics.calinskiHarabasz,
    iterations: metrics.iterations,
  };
  if (metrics.silhouette !== null) summary.silhouette = metrics.silhouette;
  pca.explainedVarianceRatio.forEach((ratio, i) => (summary[`explainedVarianceRatio_pc${i + 1}`] = ratio));
  const { shares } = segmentShares(bundle);
  for (const id of orderedSegmentIds(shares)) summary[`share_${id}`] = shares[id] as number;
  return summary;
}

/** `summaryMetrics` at step 0, and the k-sweep as `sweep_<metric>` stepped by k (MLflow charts them over k). */
export function runMetrics(bundle: ModelBundle, timestamp: number): MetricPoint[] {
  const points: MetricPoint[] = Object.entries(summaryMetrics(bundle)).map(([key, value]) => ({ key, value, step: 0, timestamp }));
  for (const entry of bundle.kSweep ?? []) {
    for (const key of ['inertia', 'silhouette', 'daviesBouldin', 'calinskiHarabasz'] as const) {
      if (Number.isFinite(entry[key])) points.push({ key: `sweep_${key}`, value: entry[key], step: entry.k, timestamp });
    }
  }
  return points;
}
