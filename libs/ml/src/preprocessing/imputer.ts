import { createMatrix, type Matrix } from '../matrix';
import { columnValues, medianInPlace } from './quantile';

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
  const scratch = new Float64Array(m.rows);
  const values: number[] = [];
  for (let c = 0; c < m.cols; c++) {
    values.push(imputeFillValue(columnValues(m.data, m.rows, m.cols, c, scratch), strategy, columnNames?.[c] ?? String(c), m.rows));
  }
  return { strategy, values };
}

/** The fill value of one column of `rows` rows from its non-missing values (reordered when the strategy is median). */
export function imputeFillValue(present: Float64Array, strategy: ImputeStrategy, columnName: string, rows: number): number {
  if (strategy === 'zero') return 0;
  if (present.length === 0) throw new ImputerError(`cannot impute column ${columnName}: it has no values (all ${rows} missing)`);
  if (strategy === 'median') return medianInPlace(present);
  let sum = 0;
  for (let i = 0; i < present.length; i++) sum += present[i];
  return sum / present.length;
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
