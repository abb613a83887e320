import type { BinCounts } from './bin-counts';
import type { DriftModel } from './drift-model';
import { DEFAULT_DRIFT_THRESHOLDS, severity, worstStatus, type DriftStatus, type DriftThresholds } from './drift-status';
import { populationStabilityIndex } from './psi';

export interface FeatureDrift {
  readonly feature: string;
  /** null when the window holds fewer than `minCount` events. */
  readonly psi: number | null;
  readonly status: DriftStatus;
}

export interface FeatureDriftReport {
  /** The worst feature's status; `insufficient-data` below the minimum count, `no-reference` without a reference. */
  readonly status: DriftStatus;
  /** Events in the window. */
  readonly count: number;
  readonly features: readonly FeatureDrift[];
}

/** PSI of every clustered feature between the bundle's reference bins and `counts` (an inflow window or the population). */
export function featureDrift(model: DriftModel, counts: BinCounts, thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS): FeatureDriftReport {
  if (counts.binCount !== model.binStart[model.d]) throw new RangeError(`counts of ${counts.binCount} bins, the model has ${model.binStart[model.d]}`);
  const count = counts.total;
  if (count < thresholds.minCount) {
    return { status: 'insufficient-data', count, features: model.featureNames.map((feature) => ({ feature, psi: null, status: 'insufficient-data' })) };
  }
  const features = model.featureNames.map((feature, j): FeatureDrift => {
    const psi = populationStabilityIndex(model.referenceShares, counts.counts, model.binStart[j], model.binStart[j + 1]);
    return { feature, psi, status: severity(psi, thresholds.psiWatch, thresholds.psiAlert) };
  });
  return { status: worstStatus(features.map((f) => f.status)), count, features };
}

/** The report for a champion without a reference (bundle schema version 1). */
export function noReferenceFeatureDrift(): FeatureDriftReport {
  return { status: 'no-reference', count: 0, features: [] };
}
