import { FEATURE_NAMES } from '../features/feature-schema';
import type { Matrix } from '../matrix';
import type { FitResult } from '../model/fit-segmentation-model';
import { fitTestModel, syntheticTrainingData, unreferencedBundle } from '../testing';
import { DriftMonitor } from './drift-monitor';
import type { SegmentCount } from './segment-share-drift';

/** The same rows with one raw feature multiplied by `factor`. */
function scaled(raw: Matrix, feature: string, factor: number): Matrix {
  const out = { ...raw, data: raw.data.slice() };
  const j = FEATURE_NAMES.indexOf(feature);
  for (let i = 0; i < raw.rows; i++) out.data[i * raw.cols + j] *= factor;
  return out;
}

describe(DriftMonitor.name, () => {
  let fit: FitResult;
  let trainingCounts: SegmentCount[];
  // The same generator with another seed: the same population the model was trained on, other customers.
  const fresh = syntheticTrainingData(20_000, 99).matrix;
  beforeAll(async () => {
    fit = await fitTestModel();
    trainingCounts = fit.bundle.segments.map((s, c) => ({ segmentId: s.segmentId, count: fit.labels.filter((l) => l === c).length }));
  });

  it('should judge every signal ok when the events and customers come from the training population', () => {
    const monitor = new DriftMonitor(fit.bundle, { halfLife: 2_000 });
    monitor.observe(fresh, 0);
    monitor.addPopulation(syntheticTrainingData().matrix);
    const health = monitor.health(trainingCounts, 0);
    expect(health.inflow.count).toBe(20_000);
    expect(health.inflow.features.map((f) => f.status)).toEqual(fit.bundle.preprocessor.featureNames.map(() => 'ok'));
    // The training rows themselves: the reference exactly.
    expect(health.population.features.map((f) => f.psi)).toEqual(fit.bundle.preprocessor.featureNames.map(() => expect.closeTo(0, 12)));
    expect(health.segmentShares.psi).toBeCloseTo(0, 12);
    expect(health.centroids.clusters.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(Math.max(...health.centroids.clusters.map((c) => c.relative ?? Infinity))).toBeLessThan(0.25);
    expect(health.status).toBe('ok');
  });

  it('should alert on the feature that moved, and on the centroids it moved, when the inflow shifts', () => {
    const monitor = new DriftMonitor(fit.bundle, { halfLife: 2_000 });
    // Credit limits tripled: every segment sits elsewhere along CREDIT_LIMIT.
    monitor.observe(scaled(fresh, 'CREDIT_LIMIT', 3), 0);
    const health = monitor.health(trainingCounts, 0);
    const byFeature = Object.fromEntries(health.inflow.features.map((f) => [f.feature, f]));
    expect(byFeature.CREDIT_LIMIT.status).toBe('alert');
    expect(byFeature.PURCHASES.status).toBe('ok');
    expect(health.inflow.status).toBe('alert');
    expect(health.centroids.clusters.map((c) => c.status)).toEqual(['alert', 'alert', 'alert', 'alert']);
    expect(health.status).toBe('alert');
    // Nothing was added to the population: too little to judge.
    expect(health.population.status).toBe('insufficient-data');
  });

  it('should say insufficient data instead of a PSI when the window is small, and when its events grew too old', () => {
    const monitor = new DriftMonitor(fit.bundle, { window: { maxAgeMs: 60_000 } });
    monitor.observe(selectFirst(fresh, 999), 1_000);
    const small = monitor.health(trainingCounts, 1_000);
    expect(small.inflow.status).toBe('insufficient-data');
    expect(small.inflow.features.every((f) => f.psi === null && f.status === 'insufficient-data')).toBe(true);
    expect(small.centroids.status).toBe('insufficient-data');
    monitor.observe(selectFirst(fresh, 1), 2_000);
    expect(monitor.health(trainingCounts, 2_000).inflow.count).toBe(1_000);
    expect(monitor.health(trainingCounts, 2_000).inflow.status).toBe('ok');
    expect(monitor.health(trainingCounts, 200_000).inflow).toMatchObject({ status: 'insufficient-data', count: 0 });
  });

  it('should report no reference for a version 1 champion and still judge its segment shares', () => {
    const monitor = new DriftMonitor(unreferencedBundle(fit.bundle));
    monitor.observe(fresh, 0);
    monitor.addPopulation(fresh);
    const moved = trainingCounts.map((s, i) => ({ ...s, count: i === 0 ? s.count * 3 : s.count }));
    const health = monitor.health(moved, 0);
    expect(health.inflow).toEqual({ status: 'no-reference', count: 0, features: [] });
    expect(health.population.status).toBe('no-reference');
    expect(health.centroids.status).toBe('no-reference');
    expect(health.segmentShares.status).toBe('alert');
    expect(health.status).toBe('alert');
    expect(monitor.health(trainingCounts, 0).status).toBe('no-reference');
  });

  it('should refuse thresholds that contradict each other', () => {
    expect(() => new DriftMonitor(fit.bundle, { thresholds: { psiWatch: 0.5 } })).toThrow('psiWatch (0.5) must be below psiAlert (0.25)');
  });
});

function selectFirst(raw: Matrix, rows: number): Matrix {
  return { rows, cols: raw.cols, data: raw.data.slice(0, rows * raw.cols) };
}
