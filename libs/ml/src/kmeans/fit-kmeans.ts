import { createMatrix, toShared, type Matrix } from '../matrix';
import { SeededRandom } from '../synthetic/random';
import { absoluteTolerance, assignLabels, inertiaOf, maxRowNorm, runRestart, type LloydResult, type RestartProblem } from './lloyd';
import { defaultThreadCount, runWorkerTasks } from './worker-pool';

export interface KMeansOptions {
  /** Seeded k-means++ restarts; the one with the lowest inertia wins. Ignored (1) with explicit initial centroids. */
  readonly nInit?: number;
  readonly seed?: number;
  readonly maxIterations?: number;
  /** scikit-learn's `tol`: relative to the mean per-feature variance of the data. */
  readonly tolerance?: number;
  /** 'kmeans++' or k explicit initial centroids (as ml-kmeans' `initialization`). */
  readonly initialization?: 'kmeans++' | readonly (readonly number[])[];
  /** Worker threads for the restarts: 'auto' uses them when the data is large enough to pay for their start-up. */
  readonly threads?: number | 'auto';
}

export interface KMeansRestart {
  readonly restart: number;
  readonly seed: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly inertia: number;
  readonly emptyClustersReseeded: number;
}

/** Field names follow ml-kmeans' KMeansResult (clusters, centroids, converged, iterations), plus what it lacks. */
export interface KMeansResult {
  readonly k: number;
  readonly clusters: Int32Array;
  readonly centroids: number[][];
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly bestRestart: number;
  readonly restarts: readonly KMeansRestart[];
}

export class KMeansError extends Error {
  override readonly name = 'KMeansError';
}

const DEFAULTS = { nInit: 10, seed: 42, maxIterations: 300, tolerance: 1e-4 };
// Below this many row-restarts (rows × nInit) splitting the restarts saves less than it costs. Up to
// REUSE_MAX_ROW_RESTARTS the worker is kept for the next fit, so its start-up is paid once per process: on
// the 8,950-row real data (×10 restarts) two threads take ~78 ms against ~135 ms on one once it is warm.
// Larger fits take a worker of their own (see runOnWorker: a kept worker holds on to memory).
const PARALLEL_MIN_ROW_RESTARTS = 50_000;
const REUSE_MAX_ROW_RESTARTS = 1_000_000;

/** K-Means with restarts on worker threads where it pays; deterministic for a seed whatever the thread count. */
export async function fitKMeans(m: Matrix, k: number, options: KMeansOptions = {}): Promise<KMeansResult> {
  const plan = planRestarts(m, k, options);
  const threads = options.threads === 'auto' || options.threads === undefined
    ? (m.rows * plan.seeds.length >= PARALLEL_MIN_ROW_RESTARTS ? defaultThreadCount() : 1)
    : options.threads;
  if (threads <= 1 || plan.seeds.length === 1) return fitKMeansSync(m, k, options);
  const shared = toShared(m);
  const outcomes = await runWorkerTasks(
    plan.seeds.map((seed) => ({ ...plan.problem, kind: 'kmeans-restart' as const, data: shared.data, seed })),
    threads,
    m.rows * plan.seeds.length <= REUSE_MAX_ROW_RESTARTS,
  );
  return assemble(m, k, plan.seeds, outcomes);
}

export function fitKMeansSync(m: Matrix, k: number, options: KMeansOptions = {}): KMeansResult {
  const plan = planRestarts(m, k, options);
  const labels = new Int32Array(m.rows);
  const scratch = new Float32Array(2 * m.rows);
  const outcomes = plan.seeds.map((seed) => runRestart(plan.problem, seed, labels, scratch, plan.initial));
  return assemble(m, k, plan.seeds, outcomes);
}

/** The nearest stored centroid for every row (ties → lowest cluster index). */
export function predictKMeans(m: Matrix, centroids: readonly (readonly number[])[]): Int32Array {
  const flat = flattenCentroids(centroids, m.cols);
  const labels = new Int32Array(m.rows);
  assignLabels(m.data, m.rows, m.cols, flat, centroids.length, labels);
  return labels;
}

/** Sum of squared distances of every row to its cluster's centroid. */
export function inertia(m: Matrix, labels: Int32Array, centroids: readonly (readonly number[])[]): number {
  return inertiaOf(m.data, m.rows, m.cols, flattenCentroids(centroids, m.cols), labels);
}

interface RestartPlan {
  readonly seeds: number[];
  readonly problem: RestartProblem;
  readonly initial?: Float64Array;
}

function planRestarts(m: Matrix, k: number, options: KMeansOptions): RestartPlan {
  const nInit = options.nInit ?? DEFAULTS.nInit;
  const seed = options.seed ?? DEFAULTS.seed;
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations;
  const tolerance = options.tolerance ?? DEFAULTS.tolerance;
  const problems: string[] = [];
  if (!Number.isInteger(k) || k < 1) problems.push(`k must be an integer >= 1, got ${k}`);
  else if (k > m.rows) problems.push(`k = ${k} exceeds the ${m.rows} rows to cluster`);
  if (!Number.isInteger(nInit) || nInit < 1) problems.push(`nInit must be an integer >= 1, got ${nInit}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) problems.push(`maxIterations must be an integer >= 1, got ${maxIterations}`);
  if (!(tolerance >= 0)) problems.push(`tolerance must be >= 0, got ${tolerance}`);
  if (hasMissing(m.data)) problems.push('the matrix has missing values (NaN): impute before clustering');
  if (problems.length > 0) throw new KMeansError(`cannot fit K-Means: ${problems.join('; ')}`);
  const problem: RestartProblem = {
    data: m.data, rows: m.rows, cols: m.cols, k, maxIterations,
    absoluteTol: absoluteTolerance(m.data, m.rows, m.cols, tolerance), maxRowNorm: maxRowNorm(m.data, m.rows, m.cols),
  };
  if (Array.isArray(options.initialization)) {
    if (options.initialization.length !== k) {
      throw new KMeansError(`initialization has ${options.initialization.length} centroids, expected k = ${k}`);
    }
    return { seeds: [seed], problem, initial: flattenCentroids(options.initialization, m.cols) };
  }
  return { seeds: Array.from({ length: nInit }, (_, r) => SeededRandom.derive(seed, r)), problem };
}

function assemble(m: Matrix, k: number, seeds: readonly number[], outcomes: readonly LloydResult[]): KMeansResult {
  let best = 0;
  outcomes.forEach((o, r) => {
    if (o.inertia < outcomes[best].inertia) best = r;
  });
  const winner = outcomes[best];
  const centroids = createMatrix(k, m.cols, Float64Array.from(winner.centroids));
  const clusters = new Int32Array(m.rows);
  // The winner's labels are exactly the nearest-centroid labels of its final centroids; recomputing them
  // here saves shipping n labels per restart back from the workers.
  assignLabels(m.data, m.rows, m.cols, centroids.data, k, clusters);
  return {
    k,
    clusters,
    centroids: Array.from({ length: k }, (_, c) => Array.from(centroids.data.subarray(c * m.cols, (c + 1) * m.cols))),
    inertia: winner.inertia,
    iterations: winner.iterations,
    converged: winner.converged,
    bestRestart: best,
    restarts: outcomes.map((o, r) => ({
      restart: r, seed: seeds[r], iterations: o.iterations, converged: o.converged,
      inertia: o.inertia, emptyClustersReseeded: o.emptyClustersReseeded,
    })),
  };
}

function flattenCentroids(centroids: readonly (readonly number[])[], d: number): Float64Array {
  const flat = new Float64Array(centroids.length * d);
  centroids.forEach((c, i) => {
    if (c.length !== d) throw new KMeansError(`centroid ${i} has ${c.length} values, expected ${d}`);
    flat.set(c, i * d);
  });
  return flat;
}

function hasMissing(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}
