import { BinCounts, compileDriftModel, countRows, FEATURE_NAMES, featureDrift } from '@seg/ml';
import { createTestBundle, syntheticTrainingData } from '@seg/ml/testing';
import { toFeatureDriftSignal } from './model-health.mapper';

describe(toFeatureDriftSignal.name, () => {
  it("should give each feature its reference and live shares over the same bins, the most drifted first", async () => {
    const bundle = await createTestBundle({ rows: 1_500 });
    const model = compileDriftModel(bundle);
    const { matrix } = syntheticTrainingData(2_000, 21);
    const purchases = FEATURE_NAMES.indexOf('PURCHASES');
    for (let i = 0; i < matrix.rows; i++) matrix.data[i * matrix.cols + purchases] *= 5;
    const counts = BinCounts.of(model);
    countRows(model, matrix, counts);

    const signal = toFeatureDriftSignal(featureDrift(model, counts), model, counts);

    expect(signal.count).toBe(2_000);
    expect(signal.features[0].feature).toBe('PURCHASES');
    const psis = signal.features.map((f) => f.psi as number);
    expect(psis).toEqual([...psis].sort((a, b) => b - a));
    for (const feature of signal.features) {
      expect(feature.liveShares).toHaveLength(feature.referenceShares.length);
      expect(feature.liveShares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(feature.referenceShares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('should draw empty live histograms and keep the order when nothing was counted', async () => {
    const model = compileDriftModel(await createTestBundle({ rows: 1_500 }));
    const empty = BinCounts.of(model);

    const signal = toFeatureDriftSignal(featureDrift(model, empty), model, empty);

    expect(signal.status).toBe('insufficient-data');
    expect(signal.features.map((f) => f.feature)).toEqual(model.featureNames);
    expect(signal.features.every((f) => f.psi === null && f.liveShares.every((share) => share === 0))).toBe(true);
  });
});
