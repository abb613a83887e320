import { PCA } from 'ml-pca';
import { createMatrix, type Matrix } from '../matrix';

/** A fitted PCA: centring only (no scaling), components as rows, figures as scikit-learn reports them. */
export interface PcaModel {
  readonly mean: readonly number[];
  /** nComponents × features; each row a unit vector, its largest-|loading| entry positive. */
  readonly components: readonly (readonly number[])[];
  /** Variance along each component, with the n − 1 denominator (scikit-learn's explained_variance_). */
  readonly explainedVariance: readonly number[];
  /** Share of the total variance (scikit-learn's explained_variance_ratio_). */
  readonly explainedVarianceRatio: readonly number[];
}

export class PcaError extends Error {
  override readonly name = 'PcaError';
}

/**
 * PCA to `nComponents` dimensions. The covariance is accumulated here in typed arrays (one pass, no
 * number[][] copy of the data) and ml-pca eigendecomposes it — the same covariance-eigh route
 * scikit-learn takes for tall data (n ≥ 10 × features), so the figures agree to ~1e-12.
 */
export function fitPca(m: Matrix, nComponents = 2): PcaModel {
  const d = m.cols;
  if (m.rows < 2) throw new PcaError(`PCA needs at least 2 rows, got ${m.rows}`);
  if (!Number.isInteger(nComponents) || nComponents < 1 || nComponents > d) {
    throw new PcaError(`nComponents must be an integer in 1..${d}, got ${nComponents}`);
  }
  const mean = columnMeans(m);
  const covariance = centredCovariance(m, mean);
  const pca = new PCA(covariance, { isCovarianceMatrix: true });
  const eigenvalues = pca.getEigenvalues();
  const vectors = pca.getEigenvectors().to2DArray();
  let totalVariance = 0;
  for (let j = 0; j < d; j++) totalVariance += covariance[j][j];
  const components: number[][] = [];
  const explainedVariance: number[] = [];
  for (let c = 0; c < nComponents; c++) {
    components.push(withSignConvention(vectors.map((row) => row[c])));
    explainedVariance.push(eigenvalues[c]);
  }
  return {
    mean: Array.from(mean),
    components,
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((v) => v / totalVariance),
  };
}

/** Rows projected onto the components: (x − mean) · component. */
export function projectPca(m: Matrix, model: PcaModel, out?: Matrix): Matrix {
  const d = model.mean.length;
  if (m.cols !== d) throw new PcaError(`PCA was fitted on ${d} features, got ${m.cols}`);
  const p = model.components.length;
  const target = out ?? createMatrix(m.rows, p);
  const mean = Float64Array.from(model.mean);
  const weights = Float64Array.from(model.components.flat());
  const src = m.data;
  const dst = target.data;
  for (let i = 0; i < m.rows; i++) {
    const r = i * d;
    for (let c = 0; c < p; c++) {
      const w = c * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += (src[r + j] - mean[j]) * weights[w + j];
      dst[i * p + c] = s;
    }
  }
  return target;
}

/** Eigenvector signs are arbitrary; flipping so the largest-|loading| entry is positive keeps stored coordinates stable. */
export function withSignConvention(vector: readonly number[]): number[] {
  let largest = 0;
  for (let j = 1; j < vector.length; j++) if (Math.abs(vector[j]) > Math.abs(vector[largest])) largest = j;
  return vector[largest] < 0 ? vector.map((v) => -v) : [...vector];
}

function columnMeans(m: Matrix): Float64Array {
  const mean = new Float64Array(m.cols);
  for (let i = 0; i < m.data.length; i++) mean[i % m.cols] += m.data[i];
  for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
  return mean;
}

function centredCovariance(m: Matrix, mean: Float64Array): number[][] {
  const d = m.cols;
  const acc = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < m.rows; i++) {
    const r = i * d;
    for (let j = 0; j < d; j++) centred[j] = m.data[r + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const x = centred[a];
      const row = a * d;
      for (let b = a; b < d; b++) acc[row + b] += x * centred[b];
    }
  }
  const covariance: number[][] = [];
  for (let a = 0; a < d; a++) {
    covariance.push([]);
    for (let b = 0; b < d; b++) covariance[a].push((a <= b ? acc[a * d + b] : acc[b * d + a]) / (m.rows - 1));
  }
  return covariance;
}
