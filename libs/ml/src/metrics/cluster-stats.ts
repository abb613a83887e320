import type { Matrix } from '../matrix';

export class MetricError extends Error {
  override readonly name = 'MetricError';
}

/** Sizes and mean points of the clusters 0..k−1 named by `labels` (k = max label + 1). */
export interface ClusterStats {
  readonly k: number;
  readonly sizes: Int32Array;
  /** k × d row-major means; a cluster with no members has NaN. */
  readonly means: Float64Array;
}

export function clusterStats(m: Matrix, labels: Int32Array, metric: string): ClusterStats {
  if (labels.length !== m.rows) throw new MetricError(`${metric}: ${labels.length} labels for ${m.rows} rows`);
  let k = 0;
  for (const label of labels) {
    if (!Number.isInteger(label) || label < 0) throw new MetricError(`${metric}: labels must be integers >= 0, got ${label}`);
    if (label + 1 > k) k = label + 1;
  }
  const d = m.cols;
  const sizes = new Int32Array(k);
  const means = new Float64Array(k * d);
  for (let i = 0; i < m.rows; i++) {
    const c = labels[i];
    sizes[c]++;
    for (let j = 0; j < d; j++) means[c * d + j] += m.data[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means[c * d + j] /= sizes[c];
  return { k, sizes, means };
}

/** scikit-learn's check_number_of_labels: 2 <= distinct labels <= n − 1. */
export function checkLabelCount(stats: ClusterStats, rows: number, metric: string): number {
  const distinct = stats.sizes.reduce((count, size) => count + (size > 0 ? 1 : 0), 0);
  if (distinct < 2 || distinct > rows - 1) {
    throw new MetricError(`${metric}: needs 2 to n − 1 = ${rows - 1} distinct labels, got ${distinct}`);
  }
  return distinct;
}
