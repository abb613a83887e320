import { FEATURE_NAMES } from '../features/feature-schema';
import { dot, squaredDistance, squaredDistancesToFourRows } from '../kernels/distance-kernels';
import { createMatrix, isShared, toShared, type Matrix } from '../matrix';
import type { PcaModel } from '../pca/pca';
import type { PreprocessorParams } from '../preprocessing/preprocessor';
import { defaultThreadCount, runWorkerTasks } from './worker-pool';

/** What predicting from raw features needs: the fitted preprocessing, the centroids and the PCA. */
export interface RawPredictionModel {
  readonly preprocessor: PreprocessorParams;
  readonly centroids: readonly (readonly number[])[];
  readonly pca: PcaModel;
}

export interface RawPredictions {
  /** Nearest centroid per row (ties → lowest index). */
  readonly clusters: Int32Array;
  /** n × k Euclidean distances to every centroid, row-major. */
  readonly distances: Float64Array;
  /** n × components PCA coordinates, row-major. */
  readonly pca: Float64Array;
}

/** The model flattened into typed arrays (what a worker thread receives). */
export interface CompiledPredictionModel {
  readonly d: number;
  readonly k: number;
  readonly p: number;
  readonly source: Int32Array;
  readonly fill: Float64Array;
  readonly log: Uint8Array;
  readonly center: Float64Array;
  readonly scale: Float64Array;
  readonly centroids: Float64Array;
  readonly mean: Float64Array;
  readonly weights: Float64Array;
}

export interface PredictFromRawOptions {
  /** Worker threads: 'auto' uses them when the rows are many enough to pay for a worker's start-up. */
  readonly threads?: number | 'auto';
}

// A worker costs ~60 ms to start and its rows must be copied into shared memory: it pays above ~200k rows.
const PARALLEL_MIN_ROWS = 200_000;

/**
 * Raw 17-column customers → cluster, distance to every centroid and PCA position, in one pass per row:
 * each row is transformed into a small buffer that stays in cache and never written out as a whole
 * matrix (the predict path's throughput bar is 2M customers/s). Same arithmetic as `transformRaw`.
 */
export function predictFromRaw(raw: Matrix, model: RawPredictionModel): RawPredictions {
  const compiled = compilePredictionModel(raw, model);
  const out = allocatePredictions(raw.rows, compiled, false);
  predictRows(raw.data, raw.cols, 0, raw.rows, compiled, out);
  return out;
}

/**
 * `predictFromRaw` with the rows split between this thread and a worker for large inputs (identical
 * results: every row is computed by the same code). The worker's rows are copied into shared memory
 * unless `raw` is shared already; the outputs are shared and written in place.
 */
export async function predictFromRawParallel(raw: Matrix, model: RawPredictionModel, options: PredictFromRawOptions = {}): Promise<RawPredictions> {
  const threads = options.threads === undefined || options.threads === 'auto'
    ? (raw.rows >= PARALLEL_MIN_ROWS ? Math.min(2, defaultThreadCount()) : 1)
    : options.threads;
  if (threads <= 1) return predictFromRaw(raw, model);
  const compiled = compilePredictionModel(raw, model);
  const out = allocatePredictions(raw.rows, compiled, true);
  // The worker starts late (its start-up): it takes a smaller share of the rows.
  const split = Math.floor(raw.rows * 0.55);
  const workerRows = isShared(raw) ? raw.data : toShared(createMatrix(raw.rows - split, raw.cols, raw.data.subarray(split * raw.cols))).data;
  const offset = isShared(raw) ? split : 0;
  await runWorkerTasks([
    { kind: 'predict-rows' as const, raw: raw.data, width: raw.cols, from: 0, to: split, rowOffset: 0, model: compiled, out },
    { kind: 'predict-rows' as const, raw: workerRows, width: raw.cols, from: offset, to: offset + raw.rows - split, rowOffset: split - offset, model: compiled, out },
  ], 2);
  return out;
}

export function compilePredictionModel(raw: Matrix, model: RawPredictionModel): CompiledPredictionModel {
  if (raw.cols !== FEATURE_NAMES.length) {
    throw new RangeError(`raw feature matrix has ${raw.cols} columns, expected the ${FEATURE_NAMES.length} of the feature schema`);
  }
  const { preprocessor, pca } = model;
  const d = preprocessor.featureNames.length;
  const k = model.centroids.length;
  if (pca.mean.length !== d || model.centroids.some((c) => c.length !== d)) {
    throw new RangeError(`model shapes disagree: ${d} features, centroids of ${model.centroids.map((c) => c.length).join('/')}, PCA of ${pca.mean.length}`);
  }
  return {
    d, k, p: pca.components.length,
    source: Int32Array.from(preprocessor.featureNames.map((name) => FEATURE_NAMES.indexOf(name))),
    fill: Float64Array.from(preprocessor.imputer.values),
    log: Uint8Array.from(preprocessor.log1p.map(Number)),
    center: Float64Array.from(preprocessor.scaler.center),
    scale: Float64Array.from(preprocessor.scaler.scale),
    centroids: Float64Array.from(model.centroids.flat()),
    mean: Float64Array.from(pca.mean),
    weights: Float64Array.from(pca.components.flat()),
  };
}

function allocatePredictions(n: number, model: CompiledPredictionModel, shared: boolean): RawPredictions {
  const buffer = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    clusters: new Int32Array(buffer(n * 4)),
    distances: new Float64Array(buffer(n * model.k * 8)),
    pca: new Float64Array(buffer(n * model.p * 8)),
  };
}

/** Rows [from, to) of `src` (width columns) into rows [from + rowOffset, …) of `out`. */
export function predictRows(
  src: Float64Array, width: number, from: number, to: number, model: CompiledPredictionModel, out: RawPredictions, rowOffset = 0,
): void {
  const { d, k, p, source, fill, log, center, scale, centroids, mean, weights } = model;
  const { clusters, distances, pca: coordinates } = out;
  const x = new Float64Array(d);
  for (let row = from; row < to; row++) {
    const r = row * width;
    const i = row + rowOffset;
    for (let j = 0; j < d; j++) {
      let v = src[r + source[j]];
      if (v !== v) v = fill[j]; // NaN = missing
      if (log[j] === 1) v = Math.log1p(v);
      x[j] = (v - center[j]) / scale[j];
    }
    const o = i * k;
    let c = 0;
    for (; c + 3 < k; c += 4) squaredDistancesToFourRows(x, 0, centroids, c * d, d, distances, o + c);
    for (; c < k; c++) distances[o + c] = squaredDistance(x, 0, centroids, c * d, d);
    let best = 0;
    let bestDistance = Infinity;
    for (c = 0; c < k; c++) {
      const s = distances[o + c];
      if (s < bestDistance) {
        bestDistance = s;
        best = c;
      }
      distances[o + c] = Math.sqrt(s);
    }
    clusters[i] = best;
    for (let j = 0; j < d; j++) x[j] -= mean[j];
    for (let q = 0; q < p; q++) coordinates[i * p + q] = dot(x, 0, weights, q * d, d);
  }
}
