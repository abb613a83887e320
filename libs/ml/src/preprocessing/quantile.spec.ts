import { medianOfSorted, quantileOfSorted, sortedColumn } from './quantile';

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

  it('should skip missing values and sort when extracting a column', () => {
    const data = Float64Array.of(3, 0, Number.NaN, 0, 1, 0);
    expect(Array.from(sortedColumn(data, 3, 2, 0))).toEqual([1, 3]);
    expect(Array.from(sortedColumn(data, 3, 2, 1))).toEqual([0, 0, 0]);
  });
});
