import { fromRows } from '../matrix';
import { fitPca, PcaError, projectPca, withSignConvention } from './pca';

describe(fitPca.name, () => {
  // Points on the line y = 2x plus a small orthogonal wobble: the first component is ±(1, 2)/√5.
  const m = fromRows([[-2, -4.1], [-1, -1.9], [0, 0.1], [1, 1.9], [2, 4]]);

  it('should find the direction of largest variance with its largest loading positive', () => {
    const model = fitPca(m, 2);
    const [first, second] = model.components;
    expect(first[0]).toBeCloseTo(1 / Math.sqrt(5), 2);
    expect(first[1]).toBeCloseTo(2 / Math.sqrt(5), 2);
    expect(Math.max(...second.map(Math.abs))).toBe(Math.max(...second));
    expect(model.explainedVarianceRatio[0] + model.explainedVarianceRatio[1]).toBeCloseTo(1, 12);
    expect(model.explainedVariance[0]).toBeGreaterThan(model.explainedVariance[1]);
  });

  it('should use the n − 1 denominator when reporting explained variance', () => {
    const model = fitPca(fromRows([[0, 0], [2, 0]]), 1);
    expect(model.explainedVariance[0]).toBeCloseTo(2, 12); // ((−1)² + 1²) / (2 − 1)
    expect(model.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
  });

  it('should project the centred rows onto the components when transforming', () => {
    const model = fitPca(m, 1);
    const projected = projectPca(fromRows([model.mean as number[]]), model);
    expect(projected.cols).toBe(1);
    expect(projected.data[0]).toBe(0);
    expect(() => projectPca(fromRows([[1, 2, 3]]), model)).toThrow(/fitted on 2 features, got 3/);
  });

  it('should reject fewer than two rows or more components than features', () => {
    expect(() => fitPca(fromRows([[1, 2]]))).toThrow(new PcaError('PCA needs at least 2 rows, got 1'));
    expect(() => fitPca(m, 3)).toThrow(/nComponents must be an integer in 1..2, got 3/);
  });
});

describe(withSignConvention.name, () => {
  it('should flip a vector whose largest-magnitude entry is negative, and leave the others', () => {
    expect(withSignConvention([0.3, -0.9, 0.1])).toEqual([-0.3, 0.9, -0.1]);
    expect(withSignConvention([0.3, 0.9, -0.1])).toEqual([0.3, 0.9, -0.1]);
  });
});
