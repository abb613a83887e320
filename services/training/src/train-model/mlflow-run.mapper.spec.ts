import type { ModelBundle } from '@seg/ml';
import { createTestBundle } from '@seg/ml/testing';
import { runMetrics, runParams, summaryMetrics } from './mlflow-run.mapper';

describe('mlflow-run.mapper', () => {
  let bundle: ModelBundle;

  beforeAll(async () => {
    bundle = await createTestBundle({ fit: { silhouette: 'exact', sweep: { from: 2, to: 3 } } });
  });

  it('should log every pipeline setting, the sweep range and the data fingerprint as params', () => {
    const params = runParams(bundle, { from: 2, to: 3 });

    expect(params).toMatchObject({
      impute: 'median',
      scaler: 'robust',
      k: 4,
      n_init: bundle.config.nInit,
      seed: 42,
      max_iterations: bundle.config.maxIterations,
      tolerance: bundle.config.tolerance,
      k_sweep: '2-3',
      data_fingerprint: bundle.trainingData.fingerprint,
      row_count: bundle.trainingData.rows,
    });
    expect(params.log1p_columns).toBe(bundle.config.log1pColumns.join(','));
    expect(params.exclude_columns).toBe('TENURE');
    expect(runParams(bundle, false).k_sweep).toBe('none');
  });

  it('should give the fit metrics, both explained variance ratios and a share per assigned segment summing to 1', () => {
    const metrics = summaryMetrics(bundle);

    expect(metrics).toMatchObject({
      inertia: bundle.metrics.inertia,
      silhouette: bundle.metrics.silhouette,
      daviesBouldin: bundle.metrics.daviesBouldin,
      calinskiHarabasz: bundle.metrics.calinskiHarabasz,
      explainedVarianceRatio_pc1: bundle.pca.explainedVarianceRatio[0],
      explainedVarianceRatio_pc2: bundle.pca.explainedVarianceRatio[1],
    });
    const shares = Object.entries(metrics).filter(([key]) => key.startsWith('share_'));
    expect(shares.length).toBe(bundle.segments.filter((s) => s.segmentId !== null).length);
    expect(shares.reduce((sum, [, v]) => sum + v, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('should leave the silhouette out when it was not computed', () => {
    const withoutSilhouette = { ...bundle, metrics: { ...bundle.metrics, silhouette: null } };

    expect(summaryMetrics(withoutSilhouette)).not.toHaveProperty('silhouette');
    expect(summaryMetrics(withoutSilhouette)).toHaveProperty('inertia');
  });

  it('should step the k-sweep metrics by k and the summary metrics at step 0', () => {
    const points = runMetrics(bundle, 1_000);

    expect(points.filter((p) => p.key === 'sweep_silhouette').map((p) => p.step)).toEqual([2, 3]);
    expect(points.filter((p) => p.key === 'sweep_inertia').map((p) => p.value)).toEqual(bundle.kSweep?.map((e) => e.inertia));
    expect(points.find((p) => p.key === 'inertia')).toEqual({ key: 'inertia', value: bundle.metrics.inertia, step: 0, timestamp: 1_000 });
    expect(points.every((p) => Number.isFinite(p.value))).toBe(true);
  });
});
