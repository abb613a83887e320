import type { Matrix } from '../matrix';
import { checkLabelCount, clusterStats } from './cluster-stats';

/** scikit-learn's calinski_harabasz_score: between-cluster over within-cluster dispersion, scaled by the degrees of freedom. */
export function calinskiHarabasz(m: Matrix, labels: Int32Array): number {
  const stats = clusterStats(m, labels, 'Calinski–Harabasz');
  const nLabels = checkLabelCount(stats, m.rows, 'Calinski–Harabasz');
  const { k, sizes, means } = stats;
  const d = m.cols;
  const overall = new Float64Array(d);
  for (let i = 0; i < m.data.length; i++) overall[i % d] += m.data[i];
  for (let j = 0; j < d; j++) overall[j] /= m.rows;
  let between = 0;
  for (let c = 0; c < k; c++) {
    if (sizes[c] === 0) continue;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = means[c * d + j] - overall[j];
      s += diff * diff;
    }
    between += sizes[c] * s;
  }
  let within = 0;
  for (let i = 0; i < m.rows; i++) {
    const c = labels[i];
    for (let j = 0; j < d; j++) {
      const diff = m.data[i * d + j] - means[c * d + j];
      within += diff * diff;
    }
  }
  return within === 0 ? 1 : (between * (m.rows - nLabels)) / (within * (nLabels - 1));
}
