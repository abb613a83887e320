import { createMatrix, type Matrix } from '../matrix';

/** The columns at `indices`, in that order (column exclusion keeps the rest). */
export function selectColumns(m: Matrix, indices: readonly number[]): Matrix {
  const out = createMatrix(m.rows, indices.length);
  const k = indices.length;
  for (let i = 0; i < m.rows; i++) {
    const src = i * m.cols;
    const dst = i * k;
    for (let j = 0; j < k; j++) out.data[dst + j] = m.data[src + indices[j]];
  }
  return out;
}
