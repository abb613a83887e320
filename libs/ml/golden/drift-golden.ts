/**
 * Test helper: numpy's drift figures (drift_golden.py via run.sh): PSI of seeded histograms, and on the
 * real data the reference decile bins, the bins of the customers with TENURE < 12 and their PSI, and the
 * spread of scikit-learn's k = 4 clusters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PsiGoldenCase {
  readonly name: string;
  readonly reference: number[];
  readonly current: number[];
  readonly psi: number;
}

export interface FeatureDriftGolden {
  readonly feature: string;
  readonly edges: number[];
  readonly shares: number[];
  readonly tenureBelow12Counts: number[];
  readonly tenureBelow12Psi: number;
}

export interface DriftGolden {
  readonly psiEpsilon: number;
  readonly bins: number;
  readonly psiCases: PsiGoldenCase[];
  readonly real: {
    readonly rows: number;
    readonly tenureBelow12Rows: number;
    readonly features: FeatureDriftGolden[];
    readonly clusterSpreadSklearnK4: number[];
  };
}

export const DRIFT_GOLDEN = JSON.parse(readFileSync(join(__dirname, 'drift-golden.json'), 'utf8')) as DriftGolden;
