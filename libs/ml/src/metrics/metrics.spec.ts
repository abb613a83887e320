import { fromRows } from '../matrix';
import { DEFAULT_PIPELINE_CONFIG } from '../preprocessing/pipeline-config';
import { fitPreprocessor } from '../preprocessing/preprocessor';
import { syntheticMatrix } from '../synthetic/synthetic-customers';
import { calinskiHarabasz } from './calinski-harabasz';
import { MetricError } from './cluster-stats';
import { daviesBouldin } from './davies-bouldin';
import { kSweep } from './k-sweep';
import { sampledSilhouette, silhouette } from './silhouette';
import { balancedPairRanges } from './silhouette-sums';

const line = fromRows([[0], [1], [4], [5]]);
const twoPairs = Int32Array.of(0, 0, 1, 1);

describe(silhouette.name, () => {
  it('should average (b − a) / max(a, b) over all points when every cluster has several points', async () => {
    expect(await silhouette(line, twoPairs)).toBeCloseTo((7 / 9 + 5 / 7) / 2, 15);
  });

  it('should count a point alone in its cluster as 0 when scoring', async () => {
    expect(await silhouette(fromRows([[0], [1], [10]]), Int32Array.of(0, 0, 1))).toBeCloseTo((0.9 + 8 / 9) / 3, 15);
  });

  it('should reject a single cluster and a label count that does not match the rows', async () => {
    await expect(silhouette(line, Int32Array.of(0, 0, 0, 0))).rejects.toThrow(new MetricError('silhouette: needs 2 to n − 1 = 3 distinct labels, got 1'));
    await expect(silhouette(line, Int32Array.of(0, 1))).rejects.toThrow(/2 labels for 4 rows/);
  });

  it('should give the single-thread score when the pairs are split over worker threads', async () => {
    const x = fitPreprocessor(syntheticMatrix(1_500, 5).matrix, DEFAULT_PIPELINE_CONFIG).transformed;
    const labels = Int32Array.from({ length: x.rows }, (_, i) => i % 3);
    expect(await silhouette(x, labels, { threads: 2 })).toBeCloseTo(await silhouette(x, labels, { threads: 1 }), 13);
  }, 120_000);
});

describe(sampledSilhouette.name, () => {
  const x = fitPreprocessor(syntheticMatrix(600, 8).matrix, DEFAULT_PIPELINE_CONFIG).transformed;
  const labels = Int32Array.from({ length: x.rows }, (_, i) => i % 2);

  it('should be reproducible for a seed and differ for another seed when sampling', async () => {
    const a = await sampledSilhouette(x, labels, { sampleSize: 200, seed: 1 });
    expect(await sampledSilhouette(x, labels, { sampleSize: 200, seed: 1 })).toBe(a);
    expect(await sampledSilhouette(x, labels, { sampleSize: 200, seed: 2 })).not.toBe(a);
  });

  it('should equal the exact score when the sample covers every row', async () => {
    expect(await sampledSilhouette(x, labels, { sampleSize: 600, seed: 1 })).toBe(await silhouette(x, labels));
  });
});

describe(daviesBouldin.name, () => {
  it('should be the mean worst (spread_i + spread_j) / centroid distance when clusters are apart', () => {
    expect(daviesBouldin(line, twoPairs)).toBeCloseTo(0.25, 15);
  });

  it('should be 0 when every cluster is a single repeated point', () => {
    expect(daviesBouldin(fromRows([[0], [0], [3], [3]]), twoPairs)).toBe(0);
  });
});

describe(calinskiHarabasz.name, () => {
  it('should be between over within dispersion scaled by (n − k) / (k − 1)', () => {
    expect(calinskiHarabasz(line, twoPairs)).toBeCloseTo(32, 12);
  });

  it('should be 1 when there is no dispersion within clusters, as scikit-learn', () => {
    expect(calinskiHarabasz(fromRows([[0], [0], [3], [3]]), twoPairs)).toBe(1);
  });
});

describe(kSweep.name, () => {
  it('should fit and score every k of the range when sweeping', async () => {
    const x = fitPreprocessor(syntheticMatrix(800, 21).matrix, DEFAULT_PIPELINE_CONFIG).transformed;
    const sweep = await kSweep(x, { kFrom: 2, kTo: 4, nInit: 2, seed: 1 });
    expect(sweep.map((entry) => entry.k)).toEqual([2, 3, 4]);
    for (const entry of sweep) {
      expect(entry.sizes).toHaveLength(entry.k);
      expect(entry.sizes.reduce((a, b) => a + b, 0)).toBe(800);
      expect(entry.silhouette).toBeGreaterThan(-1);
      expect(entry.silhouette).toBeLessThanOrEqual(1);
      expect(entry.daviesBouldin).toBeGreaterThan(0);
      expect(entry.calinskiHarabasz).toBeGreaterThan(0);
    }
    expect(sweep[2].inertia).toBeLessThan(sweep[0].inertia);
  });

  it('should reject a range that starts below 2 or ends before it starts', async () => {
    await expect(kSweep(line, { kFrom: 1, kTo: 2 })).rejects.toThrow(MetricError);
    await expect(kSweep(line, { kFrom: 3, kTo: 2 })).rejects.toThrow(/2 <= kFrom <= kTo < rows \(4\), got 3..2/);
  });
});

describe(balancedPairRanges.name, () => {
  it('should cover every row once with about the same number of pairs per range', () => {
    const n = 1_000;
    const ranges = balancedPairRanges(n, 3);
    expect(ranges[0][0]).toBe(0);
    expect(ranges[ranges.length - 1][1]).toBe(n);
    ranges.slice(1).forEach(([from], i) => expect(from).toBe(ranges[i][1]));
    const pairs = ranges.map(([from, to]) => Array.from({ length: to - from }, (_, r) => n - 1 - (from + r)).reduce((a, b) => a + b, 0));
    for (const p of pairs) expect(Math.abs(p - (n * (n - 1)) / 6)).toBeLessThan(n);
  });
});
