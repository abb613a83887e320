import { fromRows } from '../matrix';
import { applyLog1p } from './log1p';
import { fitRobustScaler, transformRobustScaler } from './robust-scaler';
import { selectColumns } from './select-columns';

describe('robust scaler', () => {
  it('should centre on the median and divide by the interquartile range when fitted', () => {
    const m = fromRows([[1, 5], [2, 5], [3, 5], [4, 5], [100, 5]]);
    const params = fitRobustScaler(m);
    expect(params.center).toEqual([3, 5]);
    expect(params.scale).toEqual([2, 1]); // q75 − q25 = 4 − 2; a constant column scales by 1
    expect(Array.from(transformRobustScaler(m, params).data)).toEqual([-1, 0, -0.5, 0, 0, 0, 0.5, 0, 48.5, 0]);
  });

  it('should reject a matrix of another width when transforming', () => {
    expect(() => transformRobustScaler(fromRows([[1]]), fitRobustScaler(fromRows([[1, 2]])))).toThrow(/fitted on 2 columns, got 1/);
  });
});

describe('column steps', () => {
  const m = fromRows([[0, 1, 2], [3, 4, 5]]);

  it('should apply log1p to the listed columns only when transforming', () => {
    const out = applyLog1p(m, [1]);
    expect(Array.from(out.data)).toEqual([0, Math.log1p(1), 2, 3, Math.log1p(4), 5]);
    expect(m.data[1]).toBe(1);
    expect(() => applyLog1p(m, [3])).toThrow(RangeError);
  });

  it('should keep the listed columns in the listed order when selecting', () => {
    const out = selectColumns(m, [2, 0]);
    expect(out.cols).toBe(2);
    expect(Array.from(out.data)).toEqual([2, 0, 5, 3]);
  });
});
