/**
 * ok / watch / alert are severities; `insufficient-data` (a window below the minimum count) and
 * `no-reference` (a schema version 1 champion) say that a signal could not be judged.
 */
export type DriftStatus = 'ok' | 'watch' | 'alert' | 'insufficient-data' | 'no-reference';

export const DRIFT_STATUSES: readonly DriftStatus[] = ['ok', 'no-reference', 'insufficient-data', 'watch', 'alert'];

export interface DriftThresholds {
  /** PSI at or above which a feature or the segment shares are watched (conventionally 0.1: "some change"). */
  readonly psiWatch: number;
  /** PSI at or above which they alert (conventionally 0.25: "a significant shift"). */
  readonly psiAlert: number;
  /** Shadow centroid displacement, in units of that cluster's training spread, to watch. */
  readonly displacementWatch: number;
  /** … and to alert. */
  readonly displacementAlert: number;
  /** Fewer events than this in a window (or points on a shadow centroid) report `insufficient-data`, not a figure. */
  readonly minCount: number;
}

/**
 * PSI 0.1 / 0.25 are the credit-scoring conventions. With 1,000 events, an unchanged distribution over
 * ten bins has an expected PSI of about (bins − 1) / n ≈ 0.01 (PSI ≈ χ² / n), a tenth of the watch line:
 * below that the figure is mostly sampling noise. A centroid is watched once it moved a quarter of its
 * cluster's RMS radius and alerts at half of it: on the real data the nearest other centroid is 1.2–1.8
 * radii away, so half a radius is a good part of the way to the neighbouring segment, while the shadow's
 * own noise at the default half-life is ~0.006 radius (√(ln 2 / 2h)) and the champion's estimate of a
 * centroid from n training rows is off by ~1/√n radius (0.03 for the smallest real segment).
 */
export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  psiWatch: 0.1,
  psiAlert: 0.25,
  displacementWatch: 0.25,
  displacementAlert: 0.5,
  minCount: 1_000,
};

/** Defaults with `overrides` applied, every problem listed at once (a RangeError). */
export function resolveDriftThresholds(overrides: Partial<DriftThresholds> = {}): DriftThresholds {
  const thresholds = { ...DEFAULT_DRIFT_THRESHOLDS, ...overrides };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(thresholds)) {
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) problems.push(`${name} must be a finite number > 0, got ${value}`);
  }
  if (!(thresholds.psiWatch < thresholds.psiAlert)) problems.push(`psiWatch (${thresholds.psiWatch}) must be below psiAlert (${thresholds.psiAlert})`);
  if (!(thresholds.displacementWatch < thresholds.displacementAlert)) {
    problems.push(`displacementWatch (${thresholds.displacementWatch}) must be below displacementAlert (${thresholds.displacementAlert})`);
  }
  if (!Number.isInteger(thresholds.minCount)) problems.push(`minCount must be an integer, got ${thresholds.minCount}`);
  if (problems.length > 0) throw new RangeError(`invalid drift thresholds: ${problems.join('; ')}`);
  return thresholds;
}

/** ok below `watch`, watch from `watch`, alert from `alert`. */
export function severity(value: number, watch: number, alert: number): 'ok' | 'watch' | 'alert' {
  return value >= alert ? 'alert' : value >= watch ? 'watch' : 'ok';
}

/**
 * The worst of several statuses, in the order ok < no-reference < insufficient-data < watch < alert:
 * anything that alerts or is watched shows, and "ok" needs every signal to be judged ok. No statuses: ok.
 */
export function worstStatus(statuses: Iterable<DriftStatus>): DriftStatus {
  let worst = 0;
  for (const status of statuses) worst = Math.max(worst, DRIFT_STATUSES.indexOf(status));
  return DRIFT_STATUSES[worst];
}
