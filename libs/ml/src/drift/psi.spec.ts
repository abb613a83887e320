import { PSI_EPSILON, populationStabilityIndex } from './psi';

describe(populationStabilityIndex.name, () => {
  it('should be 0 when the shares are the same, whether given as counts or shares', () => {
    expect(populationStabilityIndex([0.2, 0.3, 0.5], [20, 30, 50])).toBe(0);
    expect(populationStabilityIndex([1, 1, 2], [300, 300, 600])).toBe(0);
  });

  it('should sum (c − r) · ln(c / r) over the bins, the same both ways round', () => {
    // Half and half against a quarter and three quarters: 0.25 · ln 2 + 0.25 · ln 1.5 ≈ 0.2747.
    const expected = -0.25 * Math.log(0.25 / 0.5) + 0.25 * Math.log(0.75 / 0.5);
    expect(populationStabilityIndex([1, 1], [1, 3])).toBeCloseTo(expected, 15);
    expect(populationStabilityIndex([1, 3], [1, 1])).toBeCloseTo(expected, 15);
  });

  it('should count an empty bin as PSI_EPSILON on either side, not renormalised', () => {
    // Current [0, 1]: (ε − 0.5) · ln(ε / 0.5) + (1 − 0.5) · ln(1 / 0.5).
    const expected = (PSI_EPSILON - 0.5) * Math.log(PSI_EPSILON / 0.5) + 0.5 * Math.log(2);
    expect(populationStabilityIndex([5, 5], [0, 7])).toBeCloseTo(expected, 14);
    expect(populationStabilityIndex([0, 7], [5, 5])).toBeCloseTo(expected, 14);
    // A bin empty on both sides adds nothing.
    expect(populationStabilityIndex([5, 5, 0], [5, 5, 0])).toBe(0);
  });

  it('should read only bins [from, to) when given a range, each side normalised over that range', () => {
    expect(populationStabilityIndex([9, 1, 1, 9], [0, 1, 3, 0], 1, 3)).toBeCloseTo(populationStabilityIndex([1, 1], [1, 3]), 15);
  });

  it('should refuse histograms it cannot compare', () => {
    expect(() => populationStabilityIndex([1, 1], [1, 1, 1])).toThrow('2 reference bins but 3 current bins');
    expect(() => populationStabilityIndex([1, 1], [0, 0])).toThrow('cannot compare histograms with totals 2 (reference) and 0 (current)');
    expect(() => populationStabilityIndex([1, -1, 2], [1, 1, 1])).toThrow('bin 1 has reference -1 and current 1');
    expect(() => populationStabilityIndex([1, NaN], [1, 1])).toThrow('bin 1 has reference NaN');
    expect(() => populationStabilityIndex([1, 1], [1, 1], 1, 1)).toThrow('bins [1, 1) are not within the 2 bins');
  });
});
