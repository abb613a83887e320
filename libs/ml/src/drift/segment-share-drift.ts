import type { ModelBundle } from '../model/model-bundle';
import { SEGMENT_IDS, type SegmentId } from '../segments/segment-definitions';
import { DEFAULT_DRIFT_THRESHOLDS, severity, type DriftStatus, type DriftThresholds } from './drift-status';
import { populationStabilityIndex } from './psi';

/** Customers currently assigned to a segment (null: a cluster without a segment id). */
export interface SegmentCount {
  readonly segmentId: SegmentId | null;
  readonly count: number;
}

export interface SegmentShareChange {
  readonly segmentId: SegmentId | null;
  /** Share of the champion's training customers. */
  readonly referenceShare: number;
  readonly count: number;
  /** null when nobody is counted. */
  readonly currentShare: number | null;
  /** (current − reference) × 100: percentage points. */
  readonly changePp: number | null;
}

export interface SegmentShareDrift {
  readonly status: DriftStatus;
  readonly count: number;
  /** null below the minimum count. */
  readonly psi: number | null;
  /** SEGMENT_IDS order, unassigned (null) last; a segment appears when it has a training share or a current customer. */
  readonly segments: readonly SegmentShareChange[];
}

/**
 * PSI of the current assignments' segment shares against the champion's training shares (its cluster
 * profiles, a version 1 bundle included), with each segment's change in percentage points. A segment
 * that one side lacks counts as PSI_EPSILON there.
 */
export function segmentShareDrift(
  bundle: ModelBundle,
  current: readonly SegmentCount[],
  thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS,
): SegmentShareDrift {
  const keys: readonly (SegmentId | null)[] = [...SEGMENT_IDS, null];
  const reference = new Float64Array(keys.length);
  bundle.segments.forEach((s, c) => (reference[keys.indexOf(s.segmentId)] += bundle.profiles.clusters[c].share));
  const counts = new Float64Array(keys.length);
  current.forEach(({ segmentId, count }, i) => {
    const key = keys.indexOf(segmentId);
    if (key < 0) throw new RangeError(`segment counts[${i}]: unknown segment id ${JSON.stringify(segmentId)}`);
    if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`segment counts[${i}]: count must be an integer ≥ 0, got ${count}`);
    counts[key] += count;
  });
  const count = counts.reduce((a, v) => a + v, 0);
  const shown = keys.map((_, i) => i).filter((i) => reference[i] > 0 || counts[i] > 0);
  const segments = shown.map((i): SegmentShareChange => {
    const currentShare = count === 0 ? null : counts[i] / count;
    return {
      segmentId: keys[i],
      referenceShare: reference[i],
      count: counts[i],
      currentShare,
      changePp: currentShare === null ? null : (currentShare - reference[i]) * 100,
    };
  });
  if (count < thresholds.minCount) return { status: 'insufficient-data', count, psi: null, segments };
  const psi = populationStabilityIndex(reference, counts);
  return { status: severity(psi, thresholds.psiWatch, thresholds.psiAlert), count, psi, segments };
}
