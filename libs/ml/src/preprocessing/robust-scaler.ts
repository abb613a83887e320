import { createMatrix, type Matrix } from '../matrix';
import { medianOfSorted, quantileOfSorted, sortedColumn } from './quantile';

export interface RobustScalerParams {
  readonly center: readonly number[];
  readonly scale: readonly number[];
}

// scikit-learn's _handle_zeros_in_scale: a (near-)constant column is left unscaled rather than blown up.
const ZERO_SCALE = 10 * Number.EPSILON;

/** scikit-learn's RobustScaler(quantile_range=(25, 75)): centre = median, scale = q75 − q25, missing values ignored. */
export function fitRobustScaler(m: Matrix): RobustScalerParams {
  const center: number[] = [];
  const scale: number[] = [];
  for (let c = 0; c < m.cols; c++) {
    const sorted = sortedColumn(m.data, m.rows, m.cols, c);
    center.push(medianOfSorted(sorted));
    const range = quantileOfSorted(sorted, 0.75) - quantileOfSorted(sorted, 0.25);
    scale.push(range < ZERO_SCALE ? 1 : range);
  }
  return { center, scale };
}

export function transformRobustScaler(m: Matrix, params: RobustScalerParams): Matrix {
  if (params.center.length !== m.cols) {
    throw new RangeError(`robust scaler was fitted on ${params.center.length} columns, got ${m.cols}`);
  }
  const out = createMatrix(m.rows, m.cols);
  for (let i = 0; i < m.data.length; i++) {
    const c = i % m.cols;
    out.data[i] = (m.data[i] - params.center[c]) / params.scale[c];
  }
  return out;
}
