import { dot, dotsWithFourInterleaved, interleaveByFour, squaredDistance } from '../kernels/distance-kernels';
import { SeededRandom } from '../synthetic/random';

/**
 * The K-Means kernels on raw row-major Float64Arrays (n rows × d columns), shared by the main thread and
 * the worker threads. They follow scikit-learn's `_kmeans_single_lloyd` and `_kmeans_plusplus` step by
 * step so that "same initial centroids → same centroids and labels" holds, and allocate only O(n)
 * scratch (one Float64Array or Int32Array) so a million rows stay within the memory bar.
 */

export interface LloydResult {
  readonly centroids: Float64Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** How many times an empty cluster was re-seeded with the point farthest from its centroid. */
  readonly emptyClustersReseeded: number;
}

/**
 * Assigns every row to its nearest centroid (ties → lowest index) and writes `labels`; returns whether
 * any label changed. Like scikit-learn, it ranks centroids by ‖c‖² − 2·x·c (‖x‖² is the same for all),
 * and it scores four interleaved centroids per pass over the row (`dotsWithFourInterleaved`). With `sums`
 * and `counts` (k × d and k, zeroed) it also accumulates each cluster's sum in the same pass, saving
 * Lloyd a second read of the data.
 */
export function assignLabels(
  data: Float64Array, n: number, d: number, centroids: Float64Array, k: number, labels: Int32Array,
  sums?: Float64Array, counts?: Float64Array,
): boolean {
  const norms = new Float64Array(k);
  for (let c = 0; c < k; c++) norms[c] = dot(centroids, c * d, centroids, c * d, d);
  const blocked = k - (k % 4);
  const interleaved = interleaveByFour(centroids, blocked, d);
  const scores = new Float64Array(4);
  let changed = false;
  for (let i = 0, row = 0; i < n; i++, row += d) {
    let best = 0;
    let bestScore = Infinity;
    for (let c = 0; c < blocked; c += 4) {
      scoreFourCentroids(data, row, interleaved, norms, c, d, scores);
      for (let t = 0; t < 4; t++) if (scores[t] < bestScore) { bestScore = scores[t]; best = c + t; }
    }
    for (let c = blocked; c < k; c++) {
      const v = norms[c] - 2 * dot(data, row, centroids, c * d, d);
      if (v < bestScore) { bestScore = v; best = c; }
    }
    if (labels[i] !== best) {
      labels[i] = best;
      changed = true;
    }
    if (sums !== undefined && counts !== undefined) {
      counts[best]++;
      for (let j = 0, o = best * d; j < d; j++) sums[o + j] += data[row + j];
    }
  }
  return changed;
}

/**
 * The ranking scores ‖c‖² − 2·x·c of the four interleaved centroids c … c + 3 for row `row`, into
 * out[0 … 3]; returns ‖x‖² (the same sum in the same order every time).
 */
function scoreFourCentroids(
  data: Float64Array, row: number, interleaved: Float64Array, norms: Float64Array, c: number, d: number, out: Float64Array,
): number {
  const xx = dotsWithFourInterleaved(data, row, interleaved, c * d, d, out);
  for (let t = 0; t < 4; t++) out[t] = norms[c + t] - 2 * out[t];
  return xx;
}

/** scikit-learn's absolute tolerance: `tol` times the mean per-feature (population) variance. */
export function absoluteTolerance(data: Float64Array, n: number, d: number, tolerance: number): number {
  const mean = new Float64Array(d);
  for (let row = 0; row < n * d; row += d) for (let j = 0; j < d; j++) mean[j] += data[row + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  let variance = 0;
  for (let row = 0; row < n * d; row += d) {
    for (let j = 0; j < d; j++) {
      const diff = data[row + j] - mean[j];
      variance += diff * diff;
    }
  }
  return (variance / (n * d)) * tolerance;
}

/**
 * Lloyd iterations from `initial` (k × d, not modified). Stops when no label changes (strict
 * convergence) or when the total squared centroid shift is ≤ `absoluteTol`; at `maxIterations` it
 * reports `converged: false`. Labels are refreshed against the final centroids before returning, so —
 * unlike ml-kmeans at its cap — they are never one step stale.
 *
 * Empty clusters: as scikit-learn, an empty cluster takes the point farthest from its own centroid
 * (the worst-served point), which is removed from its old cluster's mean; the next assignment settles it.
 *
 * The assignment step is Hamerly's (2010): a row whose bounds prove its label cannot change skips the
 * distance computations (see `assignWithBounds`); labels and iterations are Lloyd's, centroids too up
 * to the rounding of the running sums.
 * `scratch` (2n floats, optional) holds the bounds; `rowNormMax` is `maxRowNorm(data)`, computed once
 * per fit rather than once per restart.
 */
export function lloyd(
  data: Float64Array, n: number, d: number, initial: Float64Array, k: number,
  maxIterations: number, absoluteTol: number, labels: Int32Array, scratch: Float32Array = new Float32Array(2 * n),
  rowNormMax: number = maxRowNorm(data, n, d),
): LloydResult {
  let centroids = Float64Array.from(initial);
  let next = new Float64Array(k * d);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const bounds: Bounds = {
    upper: scratch.subarray(0, n), lower: scratch.subarray(n, 2 * n), valid: false,
    halfGap: new Float64Array(k), drift: new Float64Array(k), maxDrift: 0, maxRowNorm: rowNormMax,
  };
  labels.fill(-1);
  let iterations = 0;
  let converged = false;
  let strict = false;
  let emptyClustersReseeded = 0;
  while (iterations < maxIterations) {
    iterations++;
    const changed = assignWithBounds(data, n, d, centroids, k, labels, sums, counts, bounds);
    const relocated = relocateEmptyClusters(data, n, d, centroids, k, labels, sums, counts);
    emptyClustersReseeded += relocated;
    let shift = 0;
    for (let c = 0; c < k; c++) {
      // Still empty (fewer distinct points than clusters): the centroid stays where it was.
      const empty = counts[c] === 0;
      for (let j = 0, offset = c * d; j < d; j++) {
        next[offset + j] = empty ? centroids[offset + j] : sums[offset + j] / counts[c];
        const diff = next[offset + j] - centroids[offset + j];
        shift += diff * diff;
      }
    }
    // A re-seeded cluster's sums no longer match the labels: the next pass starts afresh.
    updateBounds(bounds, centroids, next, k, d, relocated === 0);
    [centroids, next] = [next, centroids];
    if (!changed) {
      strict = true;
      converged = true;
      break;
    }
    if (shift <= absoluteTol) {
      converged = true;
      break;
    }
  }
  // Stopped on the tolerance: the labels of the final centroids (the bounds skip the rows that keep theirs).
  if (!strict) assignWithBounds(data, n, d, centroids, k, labels, sums, counts, bounds);
  const inertia = inertiaOf(data, n, d, centroids, labels);
  return { centroids, inertia, iterations, converged, emptyClustersReseeded };
}

/**
 * Hamerly's bounds, per row in float32 (half the memory of doubles; rounded outwards, so still bounds):
 * `upper` ≥ distance to its centroid, `lower` ≤ distance to every other centroid. `halfGap[c]` is half
 * the distance from centroid c to its nearest other centroid.
 */
interface Bounds {
  readonly upper: Float32Array;
  readonly lower: Float32Array;
  readonly halfGap: Float64Array;
  /** How far each centroid moved in the last update, and the largest of those moves. */
  readonly drift: Float64Array;
  maxDrift: number;
  /** False until the first full pass, and after an empty cluster was re-seeded. */
  valid: boolean;
  readonly maxRowNorm: number;
}

// Float32 rounding is ≤ 2⁻²⁴ relative: scaling by 1 ± 2⁻²² first makes the stored value a bound.
const UP = 1 + 2 ** -22;
const DOWN = 1 - 2 ** -22;
// Relative margins for the double-precision distances between centroids and their shifts.
const MARGIN = 1e-12;

/** The largest row norm ‖x‖ of the data (it sizes the rounding slack of the bounds). */
export function maxRowNorm(data: Float64Array, n: number, d: number): number {
  let max = 0;
  for (let i = 0, row = 0; i < n; i++, row += d) {
    const s = dot(data, row, data, row, d);
    if (s > max) max = s;
  }
  return Math.sqrt(max);
}

/**
 * assignLabels (same ranking arithmetic, same labels) with Hamerly's skip:
 * when upper² + 2·slack < max(halfGap, lower)², no other centroid can rank first even after rounding, so
 * the row keeps its label without computing distances. Otherwise the distance to its centroid tightens
 * `upper` and, if that is not enough, the row is ranked against all centroids and its bounds reset.
 * The cluster sums are built in a full pass when the bounds are not valid, and afterwards moved only
 * for the rows that change cluster (so skipped rows are not even read): the centroids then differ
 * from a fresh sum by rounding alone (~1e-15 relative).
 */
function assignWithBounds(
  data: Float64Array, n: number, d: number, centroids: Float64Array, k: number, labels: Int32Array,
  sums: Float64Array, counts: Float64Array, bounds: Bounds,
): boolean {
  const norms = new Float64Array(k);
  let maxCentroidNorm = 0;
  for (let c = 0; c < k; c++) {
    norms[c] = dot(centroids, c * d, centroids, c * d, d);
    if (norms[c] > maxCentroidNorm) maxCentroidNorm = norms[c];
  }
  const scale = bounds.maxRowNorm + Math.sqrt(maxCentroidNorm);
  // ~4d roundings of size ε·(‖x‖ + ‖c‖)² at most; 1e-13 leaves a wide margin for d up to a few hundred.
  const slack = 1e-13 * (d + 1) * scale * scale;
  const { upper, lower, halfGap, drift, maxDrift, valid } = bounds;
  if (!valid) {
    sums.fill(0);
    counts.fill(0);
  }
  const blocked = k - (k % 4);
  const interleaved = interleaveByFour(centroids, blocked, d);
  const scores = new Float64Array(4);
  let changed = false;
  for (let i = 0, row = 0; i < n; i++, row += d) {
    let best = labels[i];
    let recompute = !valid;
    if (valid) {
      // The bounds follow the centroids' last moves here rather than in a pass of their own.
      let u = (upper[i] + drift[best]) * UP;
      const l = lower[i] - maxDrift;
      const lowered = l > 0 ? l * DOWN : 0;
      lower[i] = lowered;
      const bound = halfGap[best] > lowered ? halfGap[best] : lowered;
      if (u * u + 2 * slack >= bound * bound) {
        u = Math.sqrt(squaredDistance(data, row, centroids, best * d, d)) * UP;
        recompute = u * u + 2 * slack >= bound * bound;
      }
      upper[i] = u;
    }
    if (recompute) {
      best = 0;
      let bestScore = Infinity;
      let secondScore = Infinity;
      let xx = 0;
      for (let c = 0; c < blocked; c += 4) {
        xx = scoreFourCentroids(data, row, interleaved, norms, c, d, scores);
        for (let t = 0; t < 4; t++) {
          const v = scores[t];
          if (v < bestScore) { secondScore = bestScore; bestScore = v; best = c + t; } else if (v < secondScore) secondScore = v;
        }
      }
      for (let c = blocked; c < k; c++) {
        const v = norms[c] - 2 * dot(data, row, centroids, c * d, d);
        if (v < bestScore) { secondScore = bestScore; bestScore = v; best = c; } else if (v < secondScore) secondScore = v;
      }
      if (blocked === 0) xx = dot(data, row, data, row, d);
      // squared distance = ‖x‖² + score, up to `slack`
      upper[i] = Math.sqrt(Math.max(0, xx + bestScore + slack)) * UP;
      lower[i] = Math.sqrt(Math.max(0, xx + secondScore - slack)) * DOWN;
      const previous = labels[i];
      if (previous !== best) {
        labels[i] = best;
        changed = true;
        if (valid) {
          counts[previous]--;
          for (let j = 0, o = previous * d; j < d; j++) sums[o + j] -= data[row + j];
        }
      }
      if (!valid || previous !== best) {
        counts[best]++;
        for (let j = 0, o = best * d; j < d; j++) sums[o + j] += data[row + j];
      }
    }
  }
  return changed;
}

/**
 * Records how far the centroids moved (from `before` to `after`), which the next pass adds to the
 * bounds row by row, and refreshes the half gaps; `keep` false (an empty cluster was re-seeded) makes
 * the next pass rank every row afresh.
 */
function updateBounds(bounds: Bounds, before: Float64Array, after: Float64Array, k: number, d: number, keep: boolean): void {
  const { halfGap, drift } = bounds;
  let maxDrift = 0;
  for (let c = 0; c < k; c++) {
    drift[c] = Math.sqrt(squaredDistance(after, c * d, before, c * d, d)) * (1 + MARGIN);
    if (drift[c] > maxDrift) maxDrift = drift[c];
    let gap = Infinity;
    for (let o = 0; o < k; o++) if (o !== c) gap = Math.min(gap, squaredDistance(after, c * d, after, o * d, d));
    halfGap[c] = (Math.sqrt(gap) / 2) * (1 - MARGIN);
  }
  bounds.maxDrift = maxDrift;
  bounds.valid = keep;
}

/** Sum of squared distances of every row to its labelled centroid (exact differences, not the ranking form). */
export function inertiaOf(data: Float64Array, n: number, d: number, centroids: Float64Array, labels: Int32Array): number {
  let inertia = 0;
  for (let i = 0, row = 0; i < n; i++, row += d) inertia += squaredDistance(data, row, centroids, labels[i] * d, d);
  return inertia;
}

function relocateEmptyClusters(
  data: Float64Array, n: number, d: number, centroids: Float64Array, k: number,
  labels: Int32Array, sums: Float64Array, counts: Float64Array,
): number {
  let relocated = 0;
  const taken = new Set<number>();
  for (let empty = 0; empty < k; empty++) {
    if (counts[empty] > 0) continue;
    let far = -1;
    let farDistance = -1;
    for (let i = 0, row = 0; i < n; i++, row += d) {
      if (taken.has(i)) continue;
      const distance = squaredDistance(data, row, centroids, labels[i] * d, d);
      if (distance > farDistance) {
        farDistance = distance;
        far = i;
      }
    }
    if (far < 0 || counts[labels[far]] <= 1) continue; // fewer distinct points than clusters: leave it empty
    taken.add(far);
    const from = labels[far];
    for (let j = 0; j < d; j++) {
      sums[from * d + j] -= data[far * d + j];
      sums[empty * d + j] = data[far * d + j];
    }
    counts[from]--;
    counts[empty] = 1;
    relocated++;
  }
  return relocated;
}

/**
 * scikit-learn's greedy k-means++: each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with
 * probability ∝ squared distance to the nearest centre so far (best = lowest resulting potential).
 * Candidates are scored one at a time so the scratch memory is a single length-n array.
 */
export function kMeansPlusPlus(
  data: Float64Array, n: number, d: number, k: number, random: SeededRandom, closest: Float64Array = new Float64Array(n),
): Float64Array {
  if (k > n) throw new RangeError(`cannot pick ${k} initial centroids from ${n} rows`);
  const centroids = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = random.int(n);
  centroids.set(data.subarray(first * d, (first + 1) * d), 0);
  let potential = 0;
  for (let i = 0, row = 0; i < n; i++, row += d) {
    closest[i] = squaredDistance(data, row, centroids, 0, d);
    potential += closest[i];
  }
  const candidates = new Int32Array(trials);
  // Scored three at a time (2 + ⌊ln k⌋ is 3 for k = 3…7); padding slots repeat the last candidate and are ignored.
  const slots = Math.ceil(trials / 3) * 3;
  const points = new Float64Array(slots * d);
  const potentials = new Float64Array(slots);
  for (let c = 1; c < k; c++) {
    drawCandidates(closest, potential, random, candidates);
    for (let t = 0; t < slots; t++) {
      // Grouped by threes, dimension-major inside a group: the three values a row element meets are adjacent.
      const candidate = candidates[Math.min(t, trials - 1)];
      const base = Math.floor(t / 3) * 3 * d + (t % 3);
      for (let j = 0; j < d; j++) points[base + 3 * j] = data[candidate * d + j];
    }
    candidatePotentials(data, n, d, points, slots, closest, potentials);
    let best = candidates[0];
    let bestPotential = Infinity;
    candidates.forEach((candidate, t) => {
      if (potentials[t] < bestPotential) {
        bestPotential = potentials[t];
        best = candidate;
      }
    });
    centroids.set(data.subarray(best * d, (best + 1) * d), c * d);
    if (c === k - 1) break; // the distances to the last centre would serve no further draw
    potential = 0;
    for (let i = 0, row = 0; i < n; i++, row += d) {
      const distance = squaredDistance(data, row, centroids, c * d, d);
      if (distance < closest[i]) closest[i] = distance;
      potential += closest[i];
    }
  }
  return centroids;
}

/**
 * For each candidate point, the potential Σ min(closest, distance to it)² if it became a centre. All
 * candidates are scored in one pass over the rows, three at a time (independent sums, as assignLabels);
 * `count` is a multiple of 3 and `points` is grouped by threes, dimension-major inside a group.
 */
function candidatePotentials(
  data: Float64Array, n: number, d: number, points: Float64Array, count: number, closest: Float64Array, out: Float64Array,
): void {
  out.fill(0);
  for (let i = 0, row = 0; i < n; i++, row += d) {
    const current = closest[i];
    for (let t = 0, q = 0; t < count; t += 3) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let j = 0; j < d; j++, q += 3) {
        const x = data[row + j];
        const a0 = x - points[q];
        const a1 = x - points[q + 1];
        const a2 = x - points[q + 2];
        s0 += a0 * a0;
        s1 += a1 * a1;
        s2 += a2 * a2;
      }
      out[t] += s0 < current ? s0 : current;
      out[t + 1] += s1 < current ? s1 : current;
      out[t + 2] += s2 < current ? s2 : current;
    }
  }
}

/** Inverse-CDF draws over `weights` (searchsorted on the running sum, one pass for all draws). */
function drawCandidates(weights: Float64Array, total: number, random: SeededRandom, out: Int32Array): void {
  const targets = Array.from(out, (_, t) => ({ t, value: random.next() * total })).sort((a, b) => a.value - b.value);
  let running = 0;
  let i = 0;
  for (const { t, value } of targets) {
    while (i < weights.length - 1 && running + weights[i] <= value) running += weights[i++];
    out[t] = i;
  }
}

/** What every restart of one fit shares: the data (rows × cols, row-major) and the settings derived from it once. */
export interface RestartProblem {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  readonly maxIterations: number;
  readonly absoluteTol: number;
  /** `maxRowNorm(data)`. */
  readonly maxRowNorm: number;
}

/**
 * One restart: seeded k-means++ (unless `initial` is given), then Lloyd; labels in `labels`. The
 * k-means++ distances and Lloyd's bounds share one 8n-byte scratch buffer (the memory bar at 1M rows).
 */
export function runRestart(
  problem: RestartProblem, seed: number, labels: Int32Array, scratch: Float32Array = new Float32Array(2 * problem.rows), initial?: Float64Array,
): LloydResult {
  const { data, rows, cols, k } = problem;
  const start = initial ?? kMeansPlusPlus(data, rows, cols, k, new SeededRandom(seed), new Float64Array(scratch.buffer, scratch.byteOffset, rows));
  return lloyd(data, rows, cols, start, k, problem.maxIterations, problem.absoluteTol, labels, scratch, problem.maxRowNorm);
}
