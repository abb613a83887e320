import { fromRows } from '../matrix';
import { computeSegmentProfiles } from './segment-profiles';

describe(computeSegmentProfiles.name, () => {
  // Two features; cluster 0 spends, cluster 1 holds a balance, cluster 2 is empty.
  const names = ['PURCHASES', 'BALANCE'];
  const raw = fromRows([
    [100, 10],
    [900, 50],
    [0, 1000],
    [300, 20],
    [10, 3000],
    [500, 30],
    [20, 2000],
  ]);
  const labels = Int32Array.from([0, 0, 1, 0, 1, 0, 1]);

  it('should give size, share and per-feature statistics in original units for every cluster', () => {
    const profiles = computeSegmentProfiles(raw, labels, 3, names);
    expect(profiles.clusters.map((c) => [c.cluster, c.size, c.share])).toEqual([[0, 4, 4 / 7], [1, 3, 3 / 7], [2, 0, 0]]);
    // numpy: np.percentile([100, 300, 500, 900], [25, 50, 75]) = 250, 400, 600
    expect(profiles.clusters[0].features.PURCHASES).toEqual({ mean: 450, median: 400, q25: 250, q75: 600, min: 100, max: 900 });
    expect(profiles.clusters[1].features.BALANCE).toEqual({ mean: 2000, median: 2000, q25: 1500, q75: 2500, min: 1000, max: 3000 });
    expect(profiles.population.size).toBe(7);
    expect(profiles.population.features.PURCHASES).toEqual({ mean: 1830 / 7, median: 100, q25: 15, q75: 400, min: 0, max: 900 });
  });

  it('should list the features that set a cluster apart, largest effect first, with their direction', () => {
    const profiles = computeSegmentProfiles(raw, labels, 3, names);
    // Population BALANCE: median 50, IQR 1500 − 25 = 1475; PURCHASES: median 100, IQR 385.
    expect(profiles.clusters[1].distinguishing).toEqual([
      { feature: 'BALANCE', direction: 'higher', segmentMedian: 2000, populationMedian: 50, effect: 1950 / 1475 },
      { feature: 'PURCHASES', direction: 'lower', segmentMedian: 10, populationMedian: 100, effect: 90 / 385 },
    ]);
    expect(profiles.clusters[0].distinguishing.map((d) => [d.feature, d.direction])).toEqual([['PURCHASES', 'higher'], ['BALANCE', 'lower']]);
  });

  it('should leave an empty cluster without statistics when no row has its label', () => {
    const empty = computeSegmentProfiles(raw, labels, 3, names).clusters[2];
    expect(empty).toEqual({ cluster: 2, size: 0, share: 0, features: {}, distinguishing: [] });
  });

  it('should keep at most three distinguishing features and skip a feature the population holds constant', () => {
    const wide = fromRows([
      [1, 1, 1, 1, 5],
      [2, 2, 2, 2, 5],
      [3, 3, 3, 3, 5],
      [40, 30, 20, 10, 5],
    ]);
    const profiles = computeSegmentProfiles(wide, [0, 0, 0, 1], 2, ['A', 'B', 'C', 'D', 'E']);
    expect(profiles.clusters[1].distinguishing.map((d) => d.feature)).toEqual(['A', 'B', 'C']);
  });

  it('should reject the input when it is not imputed or labels do not fit', () => {
    expect(() => computeSegmentProfiles(fromRows([[1, Number.NaN]]), [0], 1, names)).toThrow('row 0 has no BALANCE: profiles need the imputed matrix');
    expect(() => computeSegmentProfiles(raw, [0, 1], 2, names)).toThrow('2 labels for 7 rows');
    expect(() => computeSegmentProfiles(raw, [0, 0, 0, 0, 0, 0, 4], 3, names)).toThrow('row 6 has label 4, expected 0..2');
    expect(() => computeSegmentProfiles(raw, labels, 3)).toThrow('matrix has 2 columns but 17 feature names were given');
  });
});
