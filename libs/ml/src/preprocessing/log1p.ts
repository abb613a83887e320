import { createMatrix, type Matrix } from '../matrix';

/** A copy of `m` with `log1p` applied to the given column indices (heavy right tails → roughly symmetric). */
export function applyLog1p(m: Matrix, columns: readonly number[]): Matrix {
  const out = createMatrix(m.rows, m.cols, Float64Array.from(m.data));
  for (const c of columns) {
    if (c < 0 || c >= m.cols) throw new RangeError(`log1p column index ${c} is outside 0..${m.cols - 1}`);
    for (let p = c; p < out.data.length; p += m.cols) out.data[p] = Math.log1p(out.data[p]);
  }
  return out;
}
