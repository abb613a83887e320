import { defaultThreadCount, runWorkerTasks } from '../kmeans/worker-pool';
import { createSharedMatrix, selectRows, type Matrix } from '../matrix';
import { SeededRandom } from '../synthetic/random';
import { checkLabelCount, clusterStats, MetricError } from './cluster-stats';
import { balancedPairRanges, silhouetteDistanceSums } from './silhouette-sums';

export interface SilhouetteOptions {
  /** Worker threads: 'auto' uses them when n is large enough to pay for their start-up. */
  readonly threads?: number | 'auto';
}

export interface SampledSilhouetteOptions extends SilhouetteOptions {
  readonly sampleSize: number;
  readonly seed: number;
}

// n² / 2 distance pairs: below a few thousand rows a worker's start-up (~50 ms) outweighs the halved work;
// on the 8,950-row real data two threads take 0.7× the time of one.
const PARALLEL_MIN_ROWS = 4_000;

/**
 * scikit-learn's silhouette_score, exact over all pairs: each point's (b − a) / max(a, b), 0 for a point
 * alone in its cluster, averaged. O(n²) — use `sampledSilhouette` beyond a few tens of thousands of rows.
 */
export async function silhouette(m: Matrix, labels: Int32Array, options: SilhouetteOptions = {}): Promise<number> {
  const stats = clusterStats(m, labels, 'silhouette');
  checkLabelCount(stats, m.rows, 'silhouette');
  const threads = options.threads === undefined || options.threads === 'auto'
    ? (m.rows >= PARALLEL_MIN_ROWS ? defaultThreadCount() : 1)
    : options.threads;
  const grouped = groupByCluster(m, labels, stats.sizes, threads > 1);
  let sums: Float64Array;
  if (threads <= 1) {
    sums = silhouetteDistanceSums(grouped.data, m.rows, m.cols, grouped.labels, grouped.starts, 0, m.rows);
  } else {
    const parts = await runWorkerTasks(
      balancedPairRanges(m.rows, threads).map(([from, to]) => ({
        kind: 'silhouette-sums' as const,
        data: grouped.data, rows: m.rows, cols: m.cols, labels: grouped.labels, starts: grouped.starts, from, to,
      })),
      threads,
    );
    sums = parts[0];
    for (const part of parts.slice(1)) for (let i = 0; i < sums.length; i++) sums[i] += part[i];
  }
  return meanSilhouette(sums, grouped.labels, stats.sizes);
}

/** The exact silhouette of a seeded random sample of rows (scikit-learn's `sample_size`), for large n. */
export async function sampledSilhouette(m: Matrix, labels: Int32Array, options: SampledSilhouetteOptions): Promise<number> {
  const { sampleSize, seed } = options;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) throw new MetricError(`silhouette sampleSize must be an integer >= 2, got ${sampleSize}`);
  if (sampleSize >= m.rows) return silhouette(m, labels, options);
  const indices = sampleIndices(m.rows, sampleSize, new SeededRandom(seed));
  const sampleLabels = Int32Array.from(indices, (i) => labels[i]);
  return silhouette(selectRows(m, indices), sampleLabels, options);
}

/** The rows reordered cluster by cluster (stable), in shared memory for the workers if `shared`. */
function groupByCluster(m: Matrix, labels: Int32Array, sizes: Int32Array, shared: boolean) {
  const k = sizes.length;
  const starts = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) starts[c + 1] = starts[c] + sizes[c];
  const data = shared ? createSharedMatrix(m.rows, m.cols).data : new Float64Array(m.rows * m.cols);
  const grouped = shared ? new Int32Array(new SharedArrayBuffer(labels.byteLength)) : new Int32Array(labels.length);
  const next = starts.slice(0, k);
  for (let i = 0; i < m.rows; i++) {
    const p = next[labels[i]]++;
    grouped[p] = labels[i];
    data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), p * m.cols);
  }
  return { data, labels: grouped, starts };
}

function meanSilhouette(sums: Float64Array, labels: Int32Array, sizes: Int32Array): number {
  const k = sizes.length;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const own = labels[i];
    if (sizes[own] <= 1) continue; // alone in its cluster: 0, as scikit-learn
    const a = sums[i * k + own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || sizes[c] === 0) continue;
      const mean = sums[i * k + c] / sizes[c];
      if (mean < b) b = mean;
    }
    const denominator = Math.max(a, b);
    if (denominator > 0) total += (b - a) / denominator;
  }
  return total / labels.length;
}

/** `size` distinct indices in 0..n−1, by a partial Fisher–Yates shuffle. */
function sampleIndices(n: number, size: number, random: SeededRandom): Int32Array {
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + random.int(n - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, size);
}
