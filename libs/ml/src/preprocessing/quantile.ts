/**
 * Order statistics exactly as numpy computes them, so fitted parameters match scikit-learn bit for bit
 * (or within an ulp): `np.median` averages the two middle values, `np.percentile` uses the default
 * 'linear' method with numpy's two-sided lerp.
 */

/** The non-missing values of column `col`, sorted ascending. */
export function sortedColumn(data: Float64Array, rows: number, cols: number, col: number): Float64Array {
  const values = new Float64Array(rows);
  let n = 0;
  for (let i = 0, p = col; i < rows; i++, p += cols) {
    const v = data[p];
    if (!Number.isNaN(v)) values[n++] = v;
  }
  return values.subarray(0, n).sort();
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
  const virtualIndex = (n - 1) * q;
  const previous = Math.min(Math.max(Math.floor(virtualIndex), 0), n - 1);
  const next = Math.min(previous + 1, n - 1);
  const gamma = virtualIndex - previous;
  const a = sorted[previous];
  const b = sorted[next];
  const diff = b - a;
  // numpy's _lerp: interpolate from the nearer end, which keeps the result monotonic in gamma.
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
