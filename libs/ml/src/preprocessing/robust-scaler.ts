import { createMatrix, type Matrix } from '../matrix';
import { columnValues, medianInPlace, quantileInPlace } from './quantile';

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
  const scratch = new Float64Array(m.rows);
  for (let c = 0; c < m.cols; c++) {
    const values = columnValues(m.data, m.rows, m.cols, c, scratch);
    center.push(medianInPlace(values));
    const range = quantileInPlace(values, 0.75) - quantileInPlace(values, 0.25);
    scale.push(range < ZERO_SCALE ? 1 : range);
  }
  return { center, scale };
}

/** Scaled copy of `m`, or `m` scaled in place when `out` is `m`. */
export function transformRobustScaler(m: Matrix, params: RobustScalerParams, out: Matrix = createMatrix(m.rows, m.cols)): Matrix {
  if (params.center.length !== m.cols) {
    throw new RangeError(`robust scaler was fitted on ${params.center.length} columns, got ${m.cols}`);
  }
  const center = Float64Array.from(params.center);
  const scale = Float64Array.from(params.scale);
  const src = m.data;
  const dst = out.data;
  for (let i = 0, row = 0; i < m.rows; i++, row += m.cols) {
    for (let c = 0; c < m.cols; c++) dst[row + c] = (src[row + c] - center[c]) / scale[c];
  }
  return out;
}
