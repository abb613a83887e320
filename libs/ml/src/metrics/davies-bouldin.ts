import type { Matrix } from '../matrix';
import { checkLabelCount, clusterStats } from './cluster-stats';

/**
 * scikit-learn's davies_bouldin_score: mean over clusters of the worst (s_i + s_j) / d(c_i, c_j), with s the
 * mean distance of a cluster's points to its centroid. Lower is better; 0 when all spreads or all
 * centroid distances are ~0 (np.allclose), as scikit-learn.
 */
export function daviesBouldin(m: Matrix, labels: Int32Array): number {
  const stats = clusterStats(m, labels, 'Davies–Bouldin');
  checkLabelCount(stats, m.rows, 'Davies–Bouldin');
  const { k, sizes, means } = stats;
  const d = m.cols;
  const spread = new Float64Array(k);
  for (let i = 0; i < m.rows; i++) {
    const c = labels[i];
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = m.data[i * d + j] - means[c * d + j];
      s += diff * diff;
    }
    spread[c] += Math.sqrt(s);
  }
  const present = [...sizes.keys()].filter((c) => sizes[c] > 0);
  for (const c of present) spread[c] /= sizes[c];
  const distance = (a: number, b: number): number => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = means[a * d + j] - means[b * d + j];
      s += diff * diff;
    }
    return Math.sqrt(s);
  };
  const centroidDistances = present.map((a) => present.map((b) => distance(a, b)));
  if (present.every((c) => allClose(spread[c])) || centroidDistances.every((row) => row.every(allClose))) return 0;
  let total = 0;
  present.forEach((a, ia) => {
    let worst = -Infinity;
    present.forEach((b, ib) => {
      const between = centroidDistances[ia][ib];
      const ratio = (spread[a] + spread[b]) / (between === 0 ? Infinity : between);
      if (ratio > worst) worst = ratio;
    });
    total += worst;
  });
  return total / present.length;
}

// np.allclose(x, 0) with its default atol.
function allClose(value: number): boolean {
  return Math.abs(value) <= 1e-8;
}
