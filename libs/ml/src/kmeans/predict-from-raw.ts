import { FEATURE_NAMES } from '../features/feature-schema';
import type { Matrix } from '../matrix';
import type { PcaModel } from '../pca/pca';
import type { PreprocessorParams } from '../preprocessing/preprocessor';

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

/**
 * Raw 17-column customers → cluster, distance to every centroid and PCA position, in one pass per row:
 * each row is transformed into a small buffer that stays in cache and never written out as a whole
 * matrix (the predict path's throughput bar is 2M customers/s). Same arithmetic as `transformRaw`.
 */
export function predictFromRaw(raw: Matrix, model: RawPredictionModel): RawPredictions {
  if (raw.cols !== FEATURE_NAMES.length) {
    throw new RangeError(`raw feature matrix has ${raw.cols} columns, expected the ${FEATURE_NAMES.length} of the feature schema`);
  }
  const { preprocessor, pca } = model;
  const d = preprocessor.featureNames.length;
  const k = model.centroids.length;
  const p = pca.components.length;
  if (pca.mean.length !== d || model.centroids.some((c) => c.length !== d)) {
    throw new RangeError(`model shapes disagree: ${d} features, centroids of ${model.centroids.map((c) => c.length).join('/')}, PCA of ${pca.mean.length}`);
  }
  const source = Int32Array.from(preprocessor.featureNames.map((name) => FEATURE_NAMES.indexOf(name)));
  const fill = Float64Array.from(preprocessor.imputer.values);
  const log = Uint8Array.from(preprocessor.log1p.map(Number));
  const center = Float64Array.from(preprocessor.scaler.center);
  const scale = Float64Array.from(preprocessor.scaler.scale);
  const centroids = Float64Array.from(model.centroids.flat());
  const mean = Float64Array.from(pca.mean);
  const weights = Float64Array.from(pca.components.flat());

  const n = raw.rows;
  const clusters = new Int32Array(n);
  const distances = new Float64Array(n * k);
  const coordinates = new Float64Array(n * p);
  const x = new Float64Array(d);
  const src = raw.data;
  const width = raw.cols;
  for (let i = 0; i < n; i++) {
    const r = i * width;
    for (let j = 0; j < d; j++) {
      let v = src[r + source[j]];
      if (v !== v) v = fill[j]; // NaN = missing
      if (log[j] === 1) v = Math.log1p(v);
      x[j] = (v - center[j]) / scale[j];
    }
    let best = 0;
    let bestDistance = Infinity;
    // Four centroids per pass (independent sums, as in assignLabels), then the rest one by one.
    let c = 0;
    for (; c + 3 < k; c += 4) {
      const o0 = c * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < d; j++) {
        const v = x[j];
        const a0 = v - centroids[o0 + j];
        const a1 = v - centroids[o1 + j];
        const a2 = v - centroids[o2 + j];
        const a3 = v - centroids[o3 + j];
        s0 += a0 * a0;
        s1 += a1 * a1;
        s2 += a2 * a2;
        s3 += a3 * a3;
      }
      const o = i * k + c;
      distances[o] = s0;
      distances[o + 1] = s1;
      distances[o + 2] = s2;
      distances[o + 3] = s3;
    }
    for (; c < k; c++) {
      let s = 0;
      for (let j = 0, o = c * d; j < d; j++) {
        const a = x[j] - centroids[o + j];
        s += a * a;
      }
      distances[i * k + c] = s;
    }
    for (let c2 = 0, o = i * k; c2 < k; c2++) {
      const s = distances[o + c2];
      if (s < bestDistance) {
        bestDistance = s;
        best = c2;
      }
      distances[o + c2] = Math.sqrt(s);
    }
    clusters[i] = best;
    for (let j = 0; j < d; j++) x[j] -= mean[j];
    for (let q = 0; q < p; q++) {
      let s = 0;
      for (let j = 0, o = q * d; j < d; j++) s += x[j] * weights[o + j];
      coordinates[i * p + q] = s;
    }
  }
  return { clusters, distances, pca: coordinates };
}
