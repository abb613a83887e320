import { FEATURE_NAMES } from '../features/feature-schema';
import { createMatrix, type Matrix } from '../matrix';
import { imputeFillValue, type ImputerParams } from './imputer';
import { modelFeatureNames, type PipelineConfig } from './pipeline-config';
import { columnValues } from './quantile';
import { fitRobustScaler, transformRobustScaler, type RobustScalerParams } from './robust-scaler';

/** Everything fitted before K-Means: which raw columns, in what order, and how each is filled, logged and scaled. */
export interface PreprocessorParams {
  /** The model's feature order (CSV names). */
  readonly featureNames: readonly string[];
  readonly imputer: ImputerParams;
  /** One flag per model feature. */
  readonly log1p: readonly boolean[];
  /** Identity (centre 0, scale 1) when the configured scaler is 'none'. */
  readonly scaler: RobustScalerParams;
}

export interface FittedPreprocessor {
  readonly params: PreprocessorParams;
  /** The training matrix after every step, ready for K-Means and PCA. */
  readonly transformed: Matrix;
}

/** Fits impute → log1p → scale on a raw matrix whose columns are FEATURE_NAMES (all 17, NaN = missing). */
export function fitPreprocessor(raw: Matrix, config: PipelineConfig): FittedPreprocessor {
  checkRawWidth(raw);
  const featureNames = modelFeatureNames(config);
  const scratch = new Float64Array(raw.rows);
  const imputer: ImputerParams = {
    strategy: config.impute,
    values: featureNames.map((name) =>
      imputeFillValue(columnValues(raw.data, raw.rows, raw.cols, FEATURE_NAMES.indexOf(name), scratch), config.impute, name, raw.rows),
    ),
  };
  const log1p = featureNames.map((name) => config.log1pColumns.includes(name));
  const identity: RobustScalerParams = { center: featureNames.map(() => 0), scale: featureNames.map(() => 1) };
  // One pass imputes and logs ((x − 0) / 1 is x exactly); the scaler is then fitted on it and applied in place.
  const transformed = transformRaw(raw, { featureNames, imputer, log1p, scaler: identity });
  const scaler = config.scaler === 'robust' ? fitRobustScaler(transformed) : identity;
  if (config.scaler === 'robust') transformRobustScaler(transformed, scaler, transformed);
  return { params: { featureNames, imputer, log1p, scaler }, transformed };
}

/**
 * Raw 17-column rows → model rows in one pass (the predict path: no intermediate matrices).
 * Same arithmetic as the step-by-step fit, so a training row transforms to the identical value.
 */
export function transformRaw(raw: Matrix, params: PreprocessorParams, out?: Matrix): Matrix {
  checkRawWidth(raw);
  const k = params.featureNames.length;
  const target = out ?? createMatrix(raw.rows, k);
  if (target.rows !== raw.rows || target.cols !== k) {
    throw new RangeError(`output matrix is ${target.rows}×${target.cols}, expected ${raw.rows}×${k}`);
  }
  const source = Int32Array.from(params.featureNames.map((name) => FEATURE_NAMES.indexOf(name)));
  const fill = Float64Array.from(params.imputer.values);
  const log = Uint8Array.from(params.log1p.map(Number));
  const center = Float64Array.from(params.scaler.center);
  const scale = Float64Array.from(params.scaler.scale);
  const src = raw.data;
  const dst = target.data;
  const width = raw.cols;
  for (let i = 0; i < raw.rows; i++) {
    const r = i * width;
    const o = i * k;
    for (let j = 0; j < k; j++) {
      let v = src[r + source[j]];
      if (v !== v) v = fill[j]; // NaN = missing
      if (log[j] === 1) v = Math.log1p(v);
      dst[o + j] = (v - center[j]) / scale[j];
    }
  }
  return target;
}

function checkRawWidth(raw: Matrix): void {
  if (raw.cols !== FEATURE_NAMES.length) {
    throw new RangeError(`raw feature matrix has ${raw.cols} columns, expected the ${FEATURE_NAMES.length} of the feature schema`);
  }
}
