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

// Rows per block of the covariance: the block's columns (4096 × d doubles) stay in cache, memory stays O(d).
const COVARIANCE_BLOCK_ROWS = 4096;

/**
 * The sample covariance (n − 1). Each block of centred rows is laid out column by column, so each entry
 * grows by a dot product of two contiguous columns; four entries are summed side by side (independent
 * additions, each still in row order, so the figures are those of a plain row-by-row sum).
 */
function centredCovariance(m: Matrix, mean: Float64Array): number[][] {
  const d = m.cols;
  const acc = new Float64Array(d * d);
  const columns = new Float64Array(Math.min(m.rows, COVARIANCE_BLOCK_ROWS) * d);
  for (let from = 0; from < m.rows; from += COVARIANCE_BLOCK_ROWS) {
    const n = Math.min(COVARIANCE_BLOCK_ROWS, m.rows - from);
    for (let i = 0; i < n; i++) {
      const r = (from + i) * d;
      for (let j = 0; j < d; j++) columns[j * n + i] = m.data[r + j] - mean[j];
    }
    accumulateProducts(columns, n, d, acc);
  }
  const covariance: number[][] = [];
  for (let a = 0; a < d; a++) {
    covariance.push([]);
    for (let b = 0; b < d; b++) covariance[a].push((a <= b ? acc[a * d + b] : acc[b * d + a]) / (m.rows - 1));
  }
  return covariance;
}

/** acc[a·d + b] += Σᵢ column a · column b for a ≤ b, over the n-row block `columns` (column-major). */
function accumulateProducts(columns: Float64Array, n: number, d: number, acc: Float64Array): void {
  for (let a = 0; a < d; a++) {
    const ca = a * n;
    const o = a * d;
    let b = a;
    for (; b + 3 < d; b += 4) {
      const c0 = b * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      let s0 = acc[o + b];
      let s1 = acc[o + b + 1];
      let s2 = acc[o + b + 2];
      let s3 = acc[o + b + 3];
      for (let i = 0; i < n; i++) {
        const x = columns[ca + i];
        s0 += x * columns[c0 + i];
        s1 += x * columns[c1 + i];
        s2 += x * columns[c2 + i];
        s3 += x * columns[c3 + i];
      }
      acc[o + b] = s0;
      acc[o + b + 1] = s1;
      acc[o + b + 2] = s2;
      acc[o + b + 3] = s3;
    }
    for (; b < d; b++) {
      const cb = b * n;
      let s = acc[o + b];
      for (let i = 0; i < n; i++) s += columns[ca + i] * columns[cb + i];
      acc[o + b] = s;
    }
  }
}
