import { FEATURE_NAMES } from '../features/feature-schema';
import { createMatrix } from '../matrix';
import { SEGMENT_IDS } from '../segments/segment-definitions';
import { fitTestModel, syntheticCustomerList, syntheticTrainingData } from '../testing';
import { FitError, fitSegmentationModel, trainingDataFingerprint, type FitStage } from './fit-segmentation-model';
import { buildFitReport } from './fit-report';
import { predictMatrix } from './predict';

describe(fitSegmentationModel.name, () => {
  it('should give every synthetic group its segment id and label each customer when fitted with the defaults', async () => {
    const { bundle, labels, assignments, identity } = await fitTestModel();
    expect(identity.unassignedClusters).toEqual([]);
    expect([...bundle.segments.map((s) => s.segmentId)].sort()).toEqual([...SEGMENT_IDS].sort());
    expect(bundle.segments.every((s) => s.label !== null && s.description !== null)).toBe(true);
    expect(assignments).toHaveLength(labels.length);
    expect(assignments.every((id, i) => id === bundle.segments[labels[i]].segmentId)).toBe(true);
    expect(bundle.preprocessor.featureNames).not.toContain('TENURE');
    expect(bundle.featureOrder).toEqual(FEATURE_NAMES);
    expect(bundle.centroidsPca).toHaveLength(4);
    expect(bundle.kSweep).toBeNull();
  });

  it('should produce the same bundle when fitted twice on the same data and config', async () => {
    const first = await fitTestModel();
    const second = await fitTestModel();
    expect(second.bundle).toEqual(first.bundle);
    expect(second.labels).toEqual(first.labels);
  });

  it('should reproduce its own labels when the bundle predicts the training rows', async () => {
    const data = syntheticTrainingData();
    const { bundle, labels } = await fitTestModel();
    expect(predictMatrix(bundle, data.matrix).clusters).toEqual(labels);
  });

  it('should accept customer objects as well as a raw matrix when both hold the same data', async () => {
    const customers = syntheticCustomerList(400, 3);
    const config = { nInit: 2 };
    const fromObjects = await fitSegmentationModel(customers, config, { silhouette: 'off', createdAt: new Date(0) });
    const matrix = createMatrix(400, FEATURE_NAMES.length);
    customers.forEach((c, i) => FEATURE_NAMES.forEach((f, j) => (matrix.data[i * FEATURE_NAMES.length + j] = c.features[f] ?? Number.NaN)));
    const fromMatrix = await fitSegmentationModel({ matrix, customerIds: customers.map((c) => c.customerId) }, config, { silhouette: 'off', createdAt: new Date(0) });
    expect(fromMatrix.bundle).toEqual(fromObjects.bundle);
  });

  it('should report progress for every stage, sweep and silhouette when asked', async () => {
    const seen: Array<[FitStage, number]> = [];
    const fit = await fitTestModel({ rows: 600, fit: { sweep: { from: 3, to: 4 }, silhouette: 'exact', onProgress: (stage, fraction) => seen.push([stage, fraction]) } });
    expect(seen.map(([stage]) => stage)).toEqual(['impute', 'transform', 'pca', 'kmeans', 'silhouette', 'metrics', 'segments', 'reference', 'fingerprint', 'sweep']);
    expect(seen[seen.length - 1][1]).toBe(1);
    expect(fit.sweep?.map((e) => e.k)).toEqual([3, 4]);
    expect(fit.bundle.kSweep).toEqual(fit.sweep);
    expect(fit.metrics.silhouetteMode).toBe('exact');
    expect(fit.metrics.silhouette).toBeGreaterThan(0);
    // The sweep refits k = 4 with the same seeds: the same solution as the model itself.
    expect(fit.sweep?.[1].inertia).toBe(fit.metrics.inertia);
  });

  it('should change the fingerprint when one value or one id changes, and only then', () => {
    const { matrix, customerIds } = syntheticTrainingData(50, 1);
    const base = trainingDataFingerprint(matrix, customerIds);
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(trainingDataFingerprint(createMatrix(matrix.rows, matrix.cols, Float64Array.from(matrix.data)), [...customerIds])).toBe(base);
    const changed = Float64Array.from(matrix.data);
    changed[17 * 10 + 3] += 0.01;
    expect(trainingDataFingerprint(createMatrix(matrix.rows, matrix.cols, changed), customerIds)).not.toBe(base);
    expect(trainingDataFingerprint(matrix, customerIds.map((id, i) => (i === 7 ? 'X' : id)))).not.toBe(base);
  });

  it('should refuse inputs that cannot make a model when rows, ids or columns do not fit', async () => {
    const { matrix, customerIds } = syntheticTrainingData(4, 1);
    await expect(fitSegmentationModel({ matrix, customerIds }, {})).rejects.toThrow(new FitError('cannot fit k = 4 segments on 4 customers: need more customers than segments'));
    await expect(fitSegmentationModel({ matrix, customerIds: customerIds.slice(1) }, {})).rejects.toThrow('3 customer ids for 4 rows');
    await expect(fitSegmentationModel({ matrix: createMatrix(10, 16), customerIds: Array(10).fill('a') }, {})).rejects.toThrow(/16 columns, expected the 17/);
    await expect(fitSegmentationModel({ matrix, customerIds }, { k: 1 })).rejects.toThrow(/k must be an integer >= 2/);
  });

  it('should add up the fit time from parsing to K-Means, without silhouette and sweep, when building the report', async () => {
    const fit = await fitTestModel({ rows: 600, fit: { sweep: { from: 2, to: 3 } } });
    const report = buildFitReport(fit, 12.5);
    const t = fit.timingsMs;
    expect(report.timingsMs.fit).toBeCloseTo(12.5 + t.impute + t.transform + t.pca + t.kmeans, 9);
    expect(report.timingsMs.sweep).toBe(t.sweep);
    expect(report.k.map((e) => e.k)).toEqual([2, 3]);
    expect(report.chosenK).toBe(4);
    expect(Object.keys(report)).toEqual(['pcaExplainedVarianceRatio', 'k', 'chosenK', 'segments', 'timingsMs']);
  });
});
