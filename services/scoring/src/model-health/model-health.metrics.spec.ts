import type { FeatureDriftReport, ModelHealth } from '@seg/ml';
import { Metrics } from '@seg/observability';
import { metricValue } from '@seg/observability/testing';
import { ModelHealthMetrics } from './model-health.metrics';

const features = (psi: (number | null)[]): FeatureDriftReport => ({
  status: psi.includes(null) ? 'insufficient-data' : psi.some((p) => (p as number) >= 0.25) ? 'alert' : 'ok',
  count: 1_000,
  features: psi.map((value, i) => ({ feature: ['BALANCE', 'PURCHASES'][i], psi: value, status: value === null ? 'insufficient-data' : value >= 0.25 ? 'alert' : 'ok' })),
});

const health = (inflow: FeatureDriftReport, shares: number | null): ModelHealth => ({
  status: inflow.status === 'alert' ? 'alert' : 'ok',
  inflow,
  population: features([0.02, 0.05]),
  segmentShares: { status: shares === null ? 'insufficient-data' : 'watch', count: 1_000, psi: shares, segments: [] },
  centroids: {
    status: 'ok',
    halfLife: 1_000,
    seen: 1_000,
    clusters: [
      { cluster: 0, segmentId: 'transactors', observed: 400, distance: 0.3, relative: 0.2, status: 'ok' },
      { cluster: 3, segmentId: null, observed: 0, distance: 0, relative: null, status: 'insufficient-data' },
    ],
  },
});

describe(ModelHealthMetrics.name, () => {
  let metrics: Metrics;
  let recorder: ModelHealthMetrics;
  const scrape = () => metrics.scrape();

  beforeEach(() => {
    metrics = new Metrics({ defaultMetrics: false });
    recorder = new ModelHealthMetrics(metrics);
  });

  it('should show the overall status and each signal as one series per status, 1 on the current one', async () => {
    recorder.record('segmentation', '3', health(features([0.01, 0.4]), 0.12));
    const text = await scrape();

    expect(metricValue(text, 'seg_scoring_model_health', { model: 'segmentation', version: '3', status: 'alert' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_model_health', { model: 'segmentation', status: 'ok' })).toBe(0);
    // One series per status of DRIFT_STATUSES, summing to 1.
    expect(metricValue(text, 'seg_scoring_model_health', { model: 'segmentation' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_model_health_signal', { signal: 'inflow', status: 'alert' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_model_health_signal', { signal: 'population', status: 'ok' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_model_health_signal', { signal: 'segment_shares', status: 'watch' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_model_health_signal', { signal: 'centroids', status: 'ok' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_model_health_signal', { signal: 'segment_shares' })).toBe(1);
  });

  it('should show the PSI of every feature per window, the share PSI and the centroid displacements, leaving out what was not computed', async () => {
    recorder.record('segmentation', '3', health(features([null, 0.4]), null));
    const text = await scrape();

    expect(metricValue(text, 'seg_scoring_feature_psi', { window: 'inflow', feature: 'PURCHASES' })).toBe(0.4);
    expect(metricValue(text, 'seg_scoring_feature_psi', { window: 'inflow', feature: 'BALANCE' })).toBeUndefined();
    expect(metricValue(text, 'seg_scoring_feature_psi', { window: 'population', feature: 'BALANCE' })).toBe(0.02);
    expect(metricValue(text, 'seg_scoring_segment_share_psi')).toBeUndefined();
    expect(metricValue(text, 'seg_scoring_centroid_displacement_ratio', { segment: 'transactors' })).toBe(0.2);
    expect(metricValue(text, 'seg_scoring_centroid_displacement_ratio', { segment: 'cluster-3' })).toBeUndefined();
  });

  it("should replace a previous champion's series with the new one's", async () => {
    recorder.record('segmentation', '3', health(features([0.01, 0.4]), 0.12));
    recorder.record('segmentation', '4', health(features([0.01, 0.02]), 0.01));
    const text = await scrape();

    expect(metricValue(text, 'seg_scoring_model_health', { version: '3' })).toBeUndefined();
    expect(metricValue(text, 'seg_scoring_model_health', { version: '4', status: 'ok' })).toBe(1);
    expect(metricValue(text, 'seg_scoring_feature_psi', { version: '3' })).toBeUndefined();
    expect(metricValue(text, 'seg_scoring_segment_share_psi', { version: '4' })).toBe(0.01);
  });
});
