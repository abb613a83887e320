import type { Matrix } from '../matrix';

/** The training distribution of one clustered feature, binned on the transformed (imputed → log1p → scaled) scale. */
export interface FeatureReference {
  readonly feature: string;
  /** Ascending upper bin edges: a value v falls in the first bin whose edge is ≥ v, or in the last bin above every edge. */
  readonly edges: readonly number[];
  /** Share of the training rows per bin (edges.length + 1 bins); no bin is empty. */
  readonly shares: readonly number[];
}

/** What drift is measured against, computed from the rows a model was fitted on (bundle schema version 2). */
export interface ModelReference {
  /** Quantile bins asked for per feature; ties merge bins (a third of the customers never buy), so a feature may have fewer. */
  readonly bins: number;
  /** One per clustered feature, in `preprocessor.featureNames` order. */
  readonly features: readonly FeatureReference[];
  /** Per cluster: the RMS distance of its training rows to its centroid in the scaled space (0 for an empty cluster). */
  readonly clusterSpread: readonly number[];
}

/** Deciles: ten bins of ~10 % keep every bin well filled at the minimum window size (see DEFAULT_DRIFT_THRESHOLDS). */
export const REFERENCE_BINS = 10;

/**
 * Quantile bins of every transformed column and the spread of every cluster. The edges are data values
 * (the inverted-CDF quantile: the smallest value with at least i/bins of the rows at or below it, numpy's
 * `method='inverted_cdf'`), deduplicated, and an edge equal to the column's maximum is dropped: then every
 * bin holds at least one training row, and a mass point (all the zeros of PURCHASES) is one bin of its own
 * share rather than an empty bin beside it.
 */
export function computeModelReference(
  transformed: Matrix,
  labels: Int32Array,
  centroids: readonly (readonly number[])[],
  featureNames: readonly string[],
  bins = REFERENCE_BINS,
): ModelReference {
  const { rows: n, cols: d, data } = transformed;
  if (featureNames.length !== d) throw new RangeError(`${featureNames.length} feature names for ${d} transformed columns`);
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} rows`);
  if (n === 0) throw new RangeError('no rows to compute a reference from');
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be an integer ≥ 2, got ${bins}`);
  const column = new Float64Array(n);
  const features = featureNames.map((feature, j): FeatureReference => {
    for (let i = 0; i < n; i++) column[i] = data[i * d + j];
    column.sort();
    const edges: number[] = [];
    for (let q = 1; q < bins; q++) {
      const edge = column[Math.ceil((n * q) / bins) - 1];
      if (edge < column[n - 1] && (edges.length === 0 || edge > edges[edges.length - 1])) edges.push(edge);
    }
    const shares: number[] = [];
    let below = 0;
    for (const edge of edges) {
      const atOrBelow = upperBound(column, edge);
      shares.push((atOrBelow - below) / n);
      below = atOrBelow;
    }
    shares.push((n - below) / n);
    return { feature, edges, shares };
  });
  return { bins, features, clusterSpread: clusterSpread(transformed, labels, centroids) };
}

/** How many values of the ascending `sorted` are ≤ value. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** RMS distance of each cluster's rows to its centroid: the yardstick for how far a centroid may move. */
function clusterSpread(transformed: Matrix, labels: Int32Array, centroids: readonly (readonly number[])[]): number[] {
  const { rows: n, cols: d, data } = transformed;
  const k = centroids.length;
  const flat = Float64Array.from(centroids.flat());
  if (flat.length !== k * d) throw new RangeError(`centroids of ${centroids.map((c) => c.length).join('/')} values, expected ${d} each`);
  const sums = new Float64Array(k);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (!(c >= 0 && c < k)) throw new RangeError(`label ${c} of row ${i} is not a cluster of ${k}`);
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = data[i * d + j] - flat[c * d + j];
      s += diff * diff;
    }
    sums[c] += s;
    sizes[c]++;
  }
  return Array.from(sums, (s, c) => (sizes[c] === 0 ? 0 : Math.sqrt(s / sizes[c])));
}
