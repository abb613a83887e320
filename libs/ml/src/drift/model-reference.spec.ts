import { fromRows } from '../matrix';
import { computeModelReference } from './model-reference';

describe(computeModelReference.name, () => {
  const column = (values: number[]) => fromRows(values.map((v) => [v]));

  it('should cut deciles at data values, each bin holding a tenth, when the values are distinct', () => {
    const values = Array.from({ length: 20 }, (_, i) => 19 - i); // unsorted on purpose
    const { features } = computeModelReference(column(values), new Int32Array(20), [[9.5]], ['BALANCE']);
    // The smallest value with at least i/10 of the 20 rows at or below it: rows 2i − 1 of 0…19.
    expect(features[0].edges).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17]);
    expect(features[0].shares).toEqual(Array(10).fill(0.1));
  });

  it('should give a mass point one bin of its own share and never leave a bin empty when values tie', () => {
    // 60 % zeros (a customer who never buys), then 1…4: deciles 1–6 are all 0.
    const values = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
    const { features } = computeModelReference(column(values), new Int32Array(10), [[1]], ['PURCHASES']);
    expect(features[0].edges).toEqual([0, 1, 2, 3]);
    expect(features[0].shares).toEqual([0.6, 0.1, 0.1, 0.1, 0.1]);
  });

  it('should drop an edge at the maximum, so the top bin is not empty, when most values sit at the top', () => {
    // BALANCE_FREQUENCY: 70 % of customers at exactly 1.
    const values = [0.1, 0.2, 0.5, 1, 1, 1, 1, 1, 1, 1];
    const { features } = computeModelReference(column(values), new Int32Array(10), [[1]], ['BALANCE_FREQUENCY']);
    expect(features[0].edges).toEqual([0.1, 0.2, 0.5]);
    expect(features[0].shares).toEqual([0.1, 0.1, 0.1, 0.7]);
  });

  it('should keep one bin and no edge when a feature is constant', () => {
    const { features } = computeModelReference(column([3, 3, 3]), new Int32Array(3), [[3]], ['TENURE']);
    expect(features[0]).toEqual({ feature: 'TENURE', edges: [], shares: [1] });
  });

  it("should measure each cluster's RMS distance to its centroid, 0 for an empty cluster", () => {
    const rows = fromRows([[0, 0], [3, 4], [10, 10], [10, 12]]);
    const { clusterSpread } = computeModelReference(rows, Int32Array.from([0, 0, 1, 1]), [[0, 0], [10, 11], [50, 50]], ['BALANCE', 'PURCHASES']);
    // Cluster 0: distances 0 and 5 → √(25 / 2); cluster 1: distances 1 and 1 → 1.
    expect(clusterSpread).toEqual([Math.sqrt(12.5), 1, 0]);
  });

  it('should refuse inputs that do not fit together', () => {
    const rows = fromRows([[1], [2]]);
    expect(() => computeModelReference(rows, new Int32Array(2), [[1]], ['BALANCE', 'PURCHASES'])).toThrow('2 feature names for 1 transformed columns');
    expect(() => computeModelReference(rows, new Int32Array(3), [[1]], ['BALANCE'])).toThrow('3 labels for 2 rows');
    expect(() => computeModelReference(rows, Int32Array.from([0, 1]), [[1]], ['BALANCE'])).toThrow('label 1 of row 1 is not a cluster of 1');
    expect(() => computeModelReference(rows, new Int32Array(2), [[1]], ['BALANCE'], 1)).toThrow('bins must be an integer ≥ 2, got 1');
  });
});
