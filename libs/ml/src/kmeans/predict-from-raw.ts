import { FEATURE_NAMES } from '../features/feature-schema';
import { dot, squaredDistance, squaredDistancesToFourRows } from '../kernels/distance-kernels';
import { createSharedMatrix, isShared, type Matrix } from '../matrix';
import type { PcaModel } from '../pca/pca';
import type { PreprocessorParams } from '../preprocessing/preprocessor';
import { defaultThreadCount, runOnWorker } from './worker-pool';

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
// Rows per claim in the shared half (and per copy step): small enough that neither thread waits long for the other at the end.
const CHUNK_ROWS = 8_192;

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
 * `predictFromRaw` with a worker thread for large inputs (identical results: every row is computed by the
 * same code). The worker starts first; while it starts up, this thread copies the second half of the rows
 * into shared memory (unless `raw` is shared already), then predicts the first half, then joins the worker
 * on the second half, handed out in chunks from an atomic counter: however long the worker takes to start,
 * neither thread sits idle while rows remain.
 */
export async function predictFromRawParallel(raw: Matrix, model: RawPredictionModel, options: PredictFromRawOptions = {}): Promise<RawPredictions> {
  const threads = options.threads === undefined || options.threads === 'auto'
    ? (raw.rows >= PARALLEL_MIN_ROWS ? Math.min(2, defaultThreadCount()) : 1)
    : options.threads;
  if (threads <= 1) return predictFromRaw(raw, model);
  const compiled = compilePredictionModel(raw, model);
  const out = allocatePredictions(raw.rows, compiled, true);
  const split = Math.floor(raw.rows / 2);
  const rest = raw.rows - split;
  const chunkCount = Math.ceil(rest / CHUNK_ROWS);
  const shared = isShared(raw);
  const sharedRows = shared ? raw.data : createSharedMatrix(rest, raw.cols).data;
  const from = shared ? split : 0;
  const chunks: PredictChunksTask = {
    kind: 'predict-chunks', raw: sharedRows, width: raw.cols, from, to: from + rest, rowOffset: split - from, chunkRows: CHUNK_ROWS,
    // [next chunk to claim, chunks copied so far]
    progress: sharedInt32(0, shared ? chunkCount : 0),
    model: compiled, out,
  };
  const worker = runOnWorker([chunks]);
  if (!shared) {
    const source = raw.data.subarray(split * raw.cols);
    const chunkLength = CHUNK_ROWS * raw.cols;
    for (let c = 0; c < chunkCount; c++) {
      sharedRows.set(source.subarray(c * chunkLength, (c + 1) * chunkLength), c * chunkLength);
      Atomics.store(chunks.progress, 1, c + 1);
      Atomics.notify(chunks.progress, 1);
    }
  }
  predictRows(raw.data, raw.cols, 0, split, compiled, out);
  predictChunks(chunks);
  await worker;
  return out;
}

function sharedInt32(...values: number[]): Int32Array {
  const array = new Int32Array(new SharedArrayBuffer(values.length * Int32Array.BYTES_PER_ELEMENT));
  array.set(values);
  return array;
}

/**
 * Rows [from, to) of `raw` in chunks of `chunkRows`, written at rows + rowOffset. A thread claims a chunk by
 * incrementing progress[0] and predicts it once progress[1] (chunks copied in) is past it.
 */
export interface PredictChunksTask {
  readonly kind: 'predict-chunks';
  readonly raw: Float64Array;
  readonly width: number;
  readonly from: number;
  readonly to: number;
  readonly rowOffset: number;
  readonly chunkRows: number;
  readonly progress: Int32Array;
  readonly model: CompiledPredictionModel;
  readonly out: RawPredictions;
}

export function predictChunks(task: PredictChunksTask): void {
  const { progress } = task;
  for (;;) {
    const chunk = Atomics.add(progress, 0, 1);
    const start = task.from + chunk * task.chunkRows;
    if (start >= task.to) return;
    for (let copied = Atomics.load(progress, 1); copied <= chunk; copied = Atomics.load(progress, 1)) Atomics.wait(progress, 1, copied);
    predictRows(task.raw, task.width, start, Math.min(start + task.chunkRows, task.to), task.model, task.out, task.rowOffset);
  }
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
