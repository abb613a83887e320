import { squaredDistance, squaredDistancesToFourRows } from '../kernels/distance-kernels';

/**
 * Row-by-cluster sums of Euclidean distances over the pairs (i, j) with i in [from, to) and j > i,
 * added to both ends, so each pair is measured once. Summing the outputs of ranges that cover 0..n
 * gives, for every row, its total distance to each cluster. Returns an n × k array.
 *
 * The rows must be grouped by cluster (cluster c is rows starts[c] … starts[c + 1] − 1): row i's sum
 * for a cluster then accumulates in registers over a contiguous run of partners and is stored once,
 * instead of a read-modify-write of memory per pair (which chained every pair on the previous one).
 */
export function silhouetteDistanceSums(
  data: Float64Array, n: number, d: number, labels: Int32Array, starts: Int32Array, from: number, to: number,
): Float64Array {
  const k = starts.length - 1;
  const sums = new Float64Array(n * k);
  const four = new Float64Array(4);
  for (let i = from; i < to; i++) {
    const rowI = i * d;
    const labelI = labels[i];
    for (let c = 0; c < k; c++) {
      const end = starts[c + 1];
      let j = Math.max(i + 1, starts[c]);
      if (j >= end) continue;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      // Four partners per pass (a kernel of four independent sums), and four running totals likewise.
      for (; j + 3 < end; j += 4) {
        squaredDistancesToFourRows(data, rowI, data, j * d, d, four, 0);
        const d0 = Math.sqrt(four[0]);
        const d1 = Math.sqrt(four[1]);
        const d2 = Math.sqrt(four[2]);
        const d3 = Math.sqrt(four[3]);
        t0 += d0;
        t1 += d1;
        t2 += d2;
        t3 += d3;
        sums[j * k + labelI] += d0;
        sums[(j + 1) * k + labelI] += d1;
        sums[(j + 2) * k + labelI] += d2;
        sums[(j + 3) * k + labelI] += d3;
      }
      for (; j < end; j++) {
        const distance = Math.sqrt(squaredDistance(data, rowI, data, j * d, d));
        t0 += distance;
        sums[j * k + labelI] += distance;
      }
      sums[i * k + c] += t0 + t1 + (t2 + t3);
    }
  }
  return sums;
}

/** Row ranges [from, to) with about the same number of pairs each (row i has n − 1 − i pairs). */
export function balancedPairRanges(n: number, parts: number): Array<[number, number]> {
  const totalPairs = (n * (n - 1)) / 2;
  const ranges: Array<[number, number]> = [];
  let from = 0;
  let done = 0;
  for (let p = 1; p <= parts && from < n; p++) {
    const target = (totalPairs * p) / parts;
    let to = from;
    while (to < n && (p === parts || done + (n - 1 - to) <= target)) done += n - 1 - to++;
    if (to === from) done += n - 1 - to++;
    ranges.push([from, to]);
    from = to;
  }
  return ranges;
}
