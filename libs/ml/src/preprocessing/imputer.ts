import { createMatrix, type Matrix } from '../matrix';
import { medianOfSorted, sortedColumn } from './quantile';

export type ImputeStrategy = 'median' | 'mean' | 'zero';
export const IMPUTE_STRATEGIES: readonly ImputeStrategy[] = ['median', 'mean', 'zero'];

/** Fitted fill value per column; NaN in a matrix is a missing value. */
export interface ImputerParams {
  readonly strategy: ImputeStrategy;
  readonly values: readonly number[];
}

export class ImputerError extends Error {
  override readonly name = 'ImputerError';
}

/** Like scikit-learn's SimpleImputer (median | mean | constant 0), but a column with no value at all is an error. */
export function fitImputer(m: Matrix, strategy: ImputeStrategy, columnNames?: readonly string[]): ImputerParams {
  const values: number[] = [];
  for (let c = 0; c < m.cols; c++) {
    if (strategy === 'zero') {
      values.push(0);
      continue;
    }
    const sorted = sortedColumn(m.data, m.rows, m.cols, c);
    if (sorted.length === 0) {
      throw new ImputerError(`cannot impute column ${columnNames?.[c] ?? c}: it has no values (all ${m.rows} missing)`);
    }
    values.push(strategy === 'median' ? medianOfSorted(sorted) : meanOfColumn(m, c));
  }
  return { strategy, values };
}

/** A copy of `m` with every NaN replaced by its column's fill value. */
export function transformImputer(m: Matrix, params: ImputerParams): Matrix {
  if (params.values.length !== m.cols) {
    throw new ImputerError(`imputer was fitted on ${params.values.length} columns, got ${m.cols}`);
  }
  const out = createMatrix(m.rows, m.cols, Float64Array.from(m.data));
  const d = out.data;
  for (let i = 0; i < d.length; i++) {
    if (Number.isNaN(d[i])) d[i] = params.values[i % m.cols];
  }
  return out;
}

function meanOfColumn(m: Matrix, col: number): number {
  let sum = 0;
  let n = 0;
  for (let p = col; p < m.data.length; p += m.cols) {
    const v = m.data[p];
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  return sum / n;
}
