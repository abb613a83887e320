import { fromRows } from '../matrix';
import { fitImputer, ImputerError, transformImputer } from './imputer';

describe('imputer', () => {
  const m = fromRows([
    [1, Number.NaN],
    [2, 10],
    [9, 20],
    [Number.NaN, 40],
  ]);

  it('should fill with the column median, mean or zero when fitted with that strategy', () => {
    expect(fitImputer(m, 'median').values).toEqual([2, 20]);
    expect(fitImputer(m, 'mean').values).toEqual([4, 70 / 3]);
    expect(fitImputer(m, 'zero').values).toEqual([0, 0]);
  });

  it('should replace only the missing cells and leave the input untouched when transforming', () => {
    const out = transformImputer(m, fitImputer(m, 'median'));
    expect(Array.from(out.data)).toEqual([1, 20, 2, 10, 9, 20, 2, 40]);
    expect(Number.isNaN(m.data[1])).toBe(true);
  });

  it('should name the column when every value of it is missing', () => {
    const empty = fromRows([[1, Number.NaN], [2, Number.NaN]]);
    expect(() => fitImputer(empty, 'median', ['BALANCE', 'MINIMUM_PAYMENTS'])).toThrow(
      new ImputerError('cannot impute column MINIMUM_PAYMENTS: it has no values (all 2 missing)'),
    );
    expect(fitImputer(empty, 'zero').values).toEqual([0, 0]);
  });

  it('should reject a matrix of another width when transforming', () => {
    expect(() => transformImputer(fromRows([[1, 2, 3]]), fitImputer(m, 'zero'))).toThrow(ImputerError);
  });
});
