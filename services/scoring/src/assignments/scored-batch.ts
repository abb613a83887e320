import { FEATURE_NAMES, predictMatrix, transformRaw, type ModelBundle } from '@seg/ml';
import type { FeatureBatch } from '../customer-features/feature-batch';

/** How many features explain an assignment (as `predict` from @seg/ml does). */
const EXPLAINED_FEATURES = 3;

/**
 * One batch scored by one model, column by column (what the assignments upsert binds): typed arrays for the
 * numbers. Explanations are built only on demand, for the rows that need one (history rows: segment moves),
 * as JSON text, so no per-customer object is built.
 */
export interface ScoredBatch {
  readonly customerIds: readonly string[];
  /**
   * The version of each customer's features (the batch's `occurredAt` and `updatedAt`): an assignment never replaces
   * one from newer features.
   */
  readonly featuresOccurredAt: readonly string[];
  readonly featuresUpdatedAt: readonly string[];
  /** The segments held when the features were read, if read with them (see `FeatureBatch.currentSegments`). */
  readonly currentSegments?: readonly (string | null)[];
  readonly segmentIds: readonly string[];
  readonly clusters: Int32Array;
  readonly pcaX: Float64Array;
  readonly pcaY: Float64Array;
  /** Distance to the assigned centroid in the model's scaled space. */
  readonly distance: Float64Array;
  /** `[{feature, scaledValue, rawValue, imputed, logScale}, …]` per listed row, in the order given. */
  explanationsJson(rows: readonly number[]): string[];
}

/** One stored explanation item: what `predict`'s `FeatureExplanation` holds apart from what derives from it. */
export interface StoredExplanation {
  readonly feature: string;
  readonly scaledValue: number;
  readonly rawValue: number;
  readonly imputed: boolean;
  readonly logScale: boolean;
}

/** The segment id of each cluster; a cluster the model could not identify is `cluster-<n>`, never a guess. */
export function segmentIdsByCluster(bundle: ModelBundle): string[] {
  return bundle.segments.map((segment) => segment.segmentId ?? `cluster-${segment.cluster}`);
}

/** Predicts the batch through the typed-array path; explanations on demand (see `explanationsJson`). */
export function scoreBatch(bundle: ModelBundle, batch: FeatureBatch): ScoredBatch {
  const n = batch.matrix.rows;
  const { clusters, distances, pca } = predictMatrix(bundle, batch.matrix);
  const k = bundle.centroids.length;
  const p = bundle.pca.components.length;
  const bySegment = segmentIdsByCluster(bundle);
  const pcaX = new Float64Array(n);
  const pcaY = new Float64Array(n);
  const distance = new Float64Array(n);
  const segmentIds = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    pcaX[i] = pca[i * p];
    pcaY[i] = pca[i * p + 1];
    distance[i] = distances[i * k + clusters[i]];
    segmentIds[i] = bySegment[clusters[i]];
  }
  return {
    customerIds: batch.customerIds,
    featuresOccurredAt: batch.occurredAt,
    featuresUpdatedAt: batch.updatedAt,
    currentSegments: batch.currentSegments,
    segmentIds,
    clusters,
    pcaX,
    pcaY,
    distance,
    explanationsJson: (rows) => explanationsJson(bundle, batch, rows),
  };
}

/**
 * The explanations of `rows` of the batch, one JSON array text each, derived the way `predict` does: the
 * clustered features furthest from the training median (|scaled value|, ties in feature order, exact
 * medians skipped), with the raw value or the imputed one. Deterministic: the same features and bundle give
 * the same text, so it is stored only where features may change later (history) and derived on read otherwise.
 */
export function explanationsJson(bundle: ModelBundle, batch: FeatureBatch, rows: readonly number[]): string[] {
  if (rows.length === 0) return [];
  const { featureNames, log1p, imputer } = bundle.preprocessor;
  const d = featureNames.length;
  const width = batch.matrix.cols;
  const raw = batch.matrix.data;
  const scaled = transformRaw(batch.matrix, bundle.preprocessor).data;
  const source = featureNames.map((name) => FEATURE_NAMES.indexOf(name));
  // Everything of an item that does not depend on the customer, written once.
  const prefixes = featureNames.map((name, j) => `{"feature":${JSON.stringify(name)},"logScale":${log1p[j]},"scaledValue":`);
  const top = new Int32Array(EXPLAINED_FEATURES);
  const parts = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const o = i * d;
    let count = 0;
    for (let j = 0; j < d; j++) {
      const magnitude = Math.abs(scaled[o + j]);
      if (magnitude === 0) continue;
      // Insert j after every kept feature at least as far out: equal magnitudes stay in feature order.
      let at = count;
      while (at > 0 && Math.abs(scaled[o + top[at - 1]]) < magnitude) at--;
      if (at >= EXPLAINED_FEATURES) continue;
      for (let m = Math.min(count, EXPLAINED_FEATURES - 1); m > at; m--) top[m] = top[m - 1];
      top[at] = j;
      if (count < EXPLAINED_FEATURES) count++;
    }
    let items = '';
    for (let m = 0; m < count; m++) {
      const j = top[m];
      const given = raw[i * width + source[j]];
      const imputed = given !== given;
      items += `${m === 0 ? '' : ','}${prefixes[j]}${scaled[o + j]},"rawValue":${imputed ? imputer.values[j] : given},"imputed":${imputed}}`;
    }
    parts[r] = `[${items}]`;
  }
  return parts;
}
