import { DRIFT_GOLDEN } from '../../golden/drift-golden';
import { expectAllCloseTo, expectCloseTo, goldenLabels, loadGoldenDataset } from '../../golden/golden-data';
import { FEATURE_NAMES } from '../features/feature-schema';
import { selectRows } from '../matrix';
import { fitSegmentationModel } from '../model/fit-segmentation-model';
import type { ReferencedModelBundle } from '../model/model-bundle';
import { DEFAULT_PIPELINE_CONFIG } from '../preprocessing/pipeline-config';
import { fitPreprocessor } from '../preprocessing/preprocessor';
import { BinCounts } from './bin-counts';
import { compileDriftModel, type DriftModel } from './drift-model';
import { featureDrift } from './feature-drift';
import { computeModelReference, REFERENCE_BINS } from './model-reference';
import { countRows } from './observe-rows';
import { PSI_EPSILON, populationStabilityIndex } from './psi';

describe('drift against numpy', () => {
  it('should use the epsilon and bin count the golden figures were computed with', () => {
    expect(PSI_EPSILON).toBe(DRIFT_GOLDEN.psiEpsilon);
    expect(REFERENCE_BINS).toBe(DRIFT_GOLDEN.bins);
  });

  it.each(DRIFT_GOLDEN.psiCases.map((c) => [c.name, c] as const))('should match numpy’s PSI to 1e-12 for the seeded case "%s"', (_, c) => {
    expectCloseTo(populationStabilityIndex(c.reference, c.current), c.psi, 1e-12);
  });

  describe('on the real data', () => {
    const { golden, raw } = loadGoldenDataset('real');
    const real = DRIFT_GOLDEN.real;
    let bundle: ReferencedModelBundle;
    let model: DriftModel;
    beforeAll(async () => {
      // The bins do not depend on K-Means: one start is enough.
      bundle = (await fitSegmentationModel({ matrix: raw, customerIds: Array.from({ length: raw.rows }, (_, i) => `C${i}`) }, { nInit: 1 }, { silhouette: 'off' })).bundle;
      model = compileDriftModel(bundle);
    }, 60_000);

    it("should cut the same decile edges as numpy's inverted-CDF quantiles, with the same shares, for every clustered feature", () => {
      const features = bundle.reference?.features ?? [];
      expect(features.map((f) => f.feature)).toEqual(real.features.map((f) => f.feature));
      features.forEach((f, j) => {
        expectAllCloseTo(f.edges, real.features[j].edges, 1e-12);
        expect(f.shares).toEqual(real.features[j].shares);
      });
      // Ties merge bins: a third of the real customers have no purchases, and PRC_FULL_PAYMENT is 0 for two thirds.
      expect(features.find((f) => f.feature === 'PRC_FULL_PAYMENT')?.shares[0]).toBeGreaterThan(0.6);
      expect(features.find((f) => f.feature === 'BALANCE')?.shares).toHaveLength(10);
    });

    it('should count the customers with TENURE < 12 into the same bins as numpy and give the same PSI per feature', () => {
      const tenure = FEATURE_NAMES.indexOf('TENURE');
      const rows: number[] = [];
      for (let i = 0; i < raw.rows; i++) if (raw.data[i * raw.cols + tenure] < 12) rows.push(i);
      expect(rows).toHaveLength(real.tenureBelow12Rows);
      const counts = BinCounts.of(model);
      countRows(model, selectRows(raw, rows), counts);
      const report = featureDrift(model, counts);
      real.features.forEach((f, j) => {
        expect(Array.from(counts.counts.subarray(model.binStart[j], model.binStart[j + 1]))).toEqual(f.tenureBelow12Counts);
        expectCloseTo(report.features[j].psi as number, f.tenureBelow12Psi, 1e-12);
        expect(report.features[j].status).toBe(f.tenureBelow12Psi >= 0.25 ? 'alert' : f.tenureBelow12Psi >= 0.1 ? 'watch' : 'ok');
      });
      // Newer accounts differ most in how often they buy: an alert overall.
      expect(report.status).toBe('alert');
      expect(report.count).toBe(real.tenureBelow12Rows);
    });

    it("should measure the same RMS spread as numpy around each of scikit-learn's k = 4 clusters", () => {
      const { transformed, params } = fitPreprocessor(raw, DEFAULT_PIPELINE_CONFIG);
      const labels = goldenLabels(golden);
      const d = transformed.cols;
      const means = Array.from({ length: 4 }, () => new Array<number>(d).fill(0));
      const sizes = [0, 0, 0, 0];
      labels.forEach((c, i) => {
        sizes[c]++;
        for (let j = 0; j < d; j++) means[c][j] += transformed.data[i * d + j];
      });
      means.forEach((m, c) => m.forEach((_, j) => (m[j] /= sizes[c])));
      const { clusterSpread } = computeModelReference(transformed, labels, means, params.featureNames);
      expectAllCloseTo(clusterSpread, real.clusterSpreadSklearnK4, 1e-12);
    });
  });
});
