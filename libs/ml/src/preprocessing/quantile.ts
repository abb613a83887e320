/**
 * Order statistics exactly as numpy computes them, so fitted parameters match scikit-learn bit for bit
 * (or within an ulp): `np.median` averages the two middle values, `np.percentile` uses the default
 * 'linear' method with numpy's two-sided lerp. The `*OfSorted` forms read a sorted array; the
 * `*InPlace` forms select (quickselect, O(n)) on an unsorted one, which the fit does per column: a full
 * sort of every column twice was most of the preprocessing time.
 */

/** The non-missing values of column `col`, in row order, written into `out` (default: a new array). */
export function columnValues(data: Float64Array, rows: number, cols: number, col: number, out = new Float64Array(rows)): Float64Array {
  let n = 0;
  for (let i = 0, p = col; i < rows; i++, p += cols) {
    const v = data[p];
    if (v === v) out[n++] = v; // not NaN
  }
  return out.subarray(0, n);
}

export function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** numpy's `quantile(a, q, method='linear')` on an ascending array, `q` in [0, 1]. */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const { previous, next, gamma } = quantilePosition(n, q);
  return lerp(sorted[previous], sorted[next], gamma);
}

/** `medianOfSorted` of `values` sorted, by selection; reorders `values`. */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  const upper = selectInPlace(values, mid);
  if (n % 2 === 1) return upper;
  let lower = values[0];
  for (let i = 1; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** `quantileOfSorted` of `values` sorted, by selection; reorders `values`. */
export function quantileInPlace(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const { previous, next, gamma } = quantilePosition(n, q);
  const a = selectInPlace(values, previous);
  let b = a;
  if (next > previous) {
    b = values[next];
    for (let i = next + 1; i < n; i++) if (values[i] < b) b = values[i];
  }
  return lerp(a, b, gamma);
}

function quantilePosition(n: number, q: number): { previous: number; next: number; gamma: number } {
  const virtualIndex = (n - 1) * q;
  const previous = Math.min(Math.max(Math.floor(virtualIndex), 0), n - 1);
  return { previous, next: Math.min(previous + 1, n - 1), gamma: virtualIndex - previous };
}

/** numpy's _lerp: interpolate from the nearer end, which keeps the result monotonic in gamma. */
function lerp(a: number, b: number, gamma: number): number {
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * Hoare quickselect (median-of-three pivot): afterwards `values[rank]` is the value of that rank in
 * ascending order, with no larger value before it and no smaller one after it. No NaN allowed.
 */
function selectInPlace(values: Float64Array, rank: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    // [lo, j] ≤ pivot ≤ [i, hi], and anything strictly between j and i equals the pivot.
    if (rank <= j) hi = j;
    else if (rank >= i) lo = i;
    else break;
  }
  return values[rank];
}
