/**
 * The innermost loops of K-Means (Lloyd, k-means++, inertia), predict and silhouette, on row-major
 * Float64Arrays addressed by offset. The "four" kernels serve four vectors per pass over x: four
 * independent sums keep the CPU's adders busy instead of waiting on one dependency chain (~3× faster
 * than one vector at a time). They stay small and are only ever called with Float64Arrays and numbers,
 * so V8 inlines them into the callers' loops (checked with `node --trace-turbo-inlining`); they write
 * their four results into `out` rather than returning an object, which would allocate per call.
 */

/** ‖a[ao … ao+d) − b[bo … bo+d)‖², in four partial sums. */
export function squaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const a0 = a[ao + j] - b[bo + j];
    const a1 = a[ao + j + 1] - b[bo + j + 1];
    const a2 = a[ao + j + 2] - b[bo + j + 2];
    const a3 = a[ao + j + 3] - b[bo + j + 3];
    s0 += a0 * a0;
    s1 += a1 * a1;
    s2 += a2 * a2;
    s3 += a3 * a3;
  }
  for (; j < d; j++) {
    const a0 = a[ao + j] - b[bo + j];
    s0 += a0 * a0;
  }
  return s0 + s1 + (s2 + s3);
}

/** a[ao … ao+d) · b[bo … bo+d), summed in index order (one chain: Lloyd's ranking relies on that exact sum). */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += a[ao + j] * b[bo + j];
  return s;
}

/**
 * Squared distances from x[xo … xo+d) to the four consecutive rows of `rows` that start at `ro`
 * (rows ro, ro + d, ro + 2d, ro + 3d), written to out[oo … oo+3]. Each sum runs in index order.
 */
export function squaredDistancesToFourRows(
  x: Float64Array, xo: number, rows: Float64Array, ro: number, d: number, out: Float64Array, oo: number,
): void {
  const r1 = ro + d;
  const r2 = r1 + d;
  const r3 = r2 + d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let j = 0; j < d; j++) {
    const v = x[xo + j];
    const a0 = v - rows[ro + j];
    const a1 = v - rows[r1 + j];
    const a2 = v - rows[r2 + j];
    const a3 = v - rows[r3 + j];
    s0 += a0 * a0;
    s1 += a1 * a1;
    s2 += a2 * a2;
    s3 += a3 * a3;
  }
  out[oo] = s0;
  out[oo + 1] = s1;
  out[oo + 2] = s2;
  out[oo + 3] = s3;
}

/**
 * Dot products of x[xo … xo+d) with the four vectors of an interleaved group starting at `go` (see
 * `interleaveByFour`), written to out[0 … 3]. Returns x · x, a fifth independent sum over the same loads:
 * computed apart, it would be one chain of d dependent additions per row. Each sum runs in index order, as `dot`.
 */
export function dotsWithFourInterleaved(x: Float64Array, xo: number, group: Float64Array, go: number, d: number, out: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let sx = 0;
  for (let j = 0, q = go; j < d; j++, q += 4) {
    const v = x[xo + j];
    s0 += v * group[q];
    s1 += v * group[q + 1];
    s2 += v * group[q + 2];
    s3 += v * group[q + 3];
    sx += v * v;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
  return sx;
}

/**
 * The first `count` (a multiple of 4) rows of `vectors` (d columns) regrouped by fours, dimension-major
 * inside a group: element j of vector 4g + t sits at 4gd + 4j + t, so the four values one element of x
 * meets are adjacent. Pays when the same vectors meet many rows (centroids in Lloyd).
 */
export function interleaveByFour(vectors: Float64Array, count: number, d: number): Float64Array {
  const out = new Float64Array(count * d);
  for (let c = 0; c < count; c++) {
    const base = (c >> 2) * 4 * d + (c & 3);
    for (let j = 0; j < d; j++) out[base + 4 * j] = vectors[c * d + j];
  }
  return out;
}
