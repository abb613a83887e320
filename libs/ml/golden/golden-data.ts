/**
 * Test helper: the committed scikit-learn golden figures and the data they were computed on (the real
 * CSV from ../shared/data, or the same seeded synthetic set regenerated in memory). Test-only I/O.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../src/matrix';
import { syntheticMatrix } from '../src/synthetic/synthetic-customers';
import { readCustomerCsv } from './read-customer-csv';

export interface GoldenDataset {
  readonly rows: number;
  readonly featureNames: string[];
  readonly imputerMedian: number[];
  readonly imputerMean: number[];
  readonly scalerCenter: number[];
  readonly scalerScale: number[];
  readonly pca: {
    readonly mean: number[];
    readonly explainedVariance: number[];
    readonly explainedVarianceRatio: number[];
    readonly components: number[][];
    readonly projectionStep: number;
    readonly projections: number[][];
  };
  readonly labelsK4: string;
  readonly metricsK4: { inertia: number; silhouette: number; daviesBouldin: number; calinskiHarabasz: number };
  readonly bestOf10Inertia: Record<string, number>;
  readonly seed?: number;
}

export type GoldenDatasetName = 'real' | 'synthetic';
export const GOLDEN_DATASETS: readonly GoldenDatasetName[] = ['real', 'synthetic'];

/** `../shared/data/Customer Data.csv` beside the checkout, or $REAL_CSV (as in run.sh) for a checkout elsewhere, e.g. a worktree. */
export const REAL_DATA_PATH = process.env.REAL_CSV ?? join(__dirname, '../../../../shared/data/Customer Data.csv');

const document = JSON.parse(readFileSync(join(__dirname, 'sklearn-golden.json'), 'utf8')) as {
  datasets: Record<GoldenDatasetName, GoldenDataset>;
};

/** The golden figures of a dataset and its raw 17-column matrix (NaN = missing). */
export function loadGoldenDataset(name: GoldenDatasetName): { golden: GoldenDataset; raw: Matrix } {
  const golden = document.datasets[name];
  const raw = name === 'real' ? readRealData() : syntheticMatrix(golden.rows, golden.seed ?? Number.NaN).matrix;
  if (raw.rows !== golden.rows) throw new Error(`${name} data has ${raw.rows} rows, the golden figures ${golden.rows}`);
  return { golden, raw };
}

export function goldenLabels(golden: GoldenDataset): Int32Array {
  return Int32Array.from(golden.labelsK4, (digit) => Number(digit));
}

/** Relative closeness, absolute near zero: |actual − expected| ≤ tolerance × max(1, |expected|). */
export function expectCloseTo(actual: number, expected: number, tolerance = 1e-9): void {
  const deviation = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  if (!(deviation <= tolerance)) {
    throw new Error(`expected ${actual} to be within ${tolerance} (relative) of ${expected}, deviation ${deviation}`);
  }
}

export function expectAllCloseTo(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-9): void {
  if (actual.length !== expected.length) throw new Error(`expected ${expected.length} values, got ${actual.length}`);
  for (let i = 0; i < expected.length; i++) expectCloseTo(actual[i], expected[i], tolerance);
}

function readRealData(): Matrix {
  if (!existsSync(REAL_DATA_PATH)) {
    throw new Error(`the real customer data is expected at ${REAL_DATA_PATH} (see data/README.md)`);
  }
  return readCustomerCsv(REAL_DATA_PATH);
}
