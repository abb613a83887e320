import { columnValues, medianInPlace, medianOfSorted, quantileInPlace, quantileOfSorted } from './quantile';

describe('quantile', () => {
  it('should average the two middle values when the count is even, as np.median', () => {
    expect(medianOfSorted(Float64Array.of(1, 2, 4, 10))).toBe(3);
    expect(medianOfSorted(Float64Array.of(1, 2, 4))).toBe(2);
    expect(medianOfSorted(new Float64Array(0))).toBeNaN();
  });

  it('should interpolate linearly between neighbours when q falls between ranks, as np.percentile', () => {
    const sorted = Float64Array.of(1, 2, 3, 4);
    expect(quantileOfSorted(sorted, 0.25)).toBe(1.75); // np.percentile([1,2,3,4], 25)
    expect(quantileOfSorted(sorted, 0.75)).toBe(3.25);
    expect(quantileOfSorted(sorted, 0)).toBe(1);
    expect(quantileOfSorted(sorted, 1)).toBe(4);
  });

  it('should interpolate from the upper neighbour when gamma >= 0.5, as numpy\'s _lerp', () => {
    // 0.1 + (0.7 - 0.1) * 0.75 and 0.7 - (0.7 - 0.1) * 0.25 differ in the last bit; numpy uses the latter.
    const sorted = Float64Array.of(0.1, 0.7);
    expect(quantileOfSorted(sorted, 0.75)).toBe(0.7 - (0.7 - 0.1) * (1 - 0.75));
  });

  it('should skip missing values and keep row order when extracting a column', () => {
    const data = Float64Array.of(3, 0, Number.NaN, 0, 1, 0);
    expect(Array.from(columnValues(data, 3, 2, 0))).toEqual([3, 1]);
    expect(Array.from(columnValues(data, 3, 2, 1))).toEqual([0, 0, 0]);
  });

  it('should give exactly the sorted-array figures when selecting in place on unsorted values with ties', () => {
    const random = (seed: number) => () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
    for (const [n, seed] of [[1, 1], [2, 2], [7, 3], [8, 4], [1001, 5], [1000, 6]]) {
      const next = random(seed);
      // Rounded to two decimals so that ties are frequent.
      const values = Float64Array.from({ length: n }, () => Math.round(next() * 100) / 100);
      const sorted = Float64Array.from(values).sort();
      expect(medianInPlace(Float64Array.from(values))).toBe(medianOfSorted(sorted));
      for (const q of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(quantileInPlace(Float64Array.from(values), q)).toBe(quantileOfSorted(sorted, q));
    }
    expect(medianInPlace(new Float64Array(0))).toBeNaN();
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNaN();
  });
});
