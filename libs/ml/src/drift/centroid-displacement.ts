import type { SegmentId } from '../segments/segment-definitions';
import { DEFAULT_DRIFT_THRESHOLDS, severity, worstStatus, type DriftStatus, type DriftThresholds } from './drift-status';
import type { ShadowKMeans } from './shadow-kmeans';

export interface CentroidDisplacement {
  readonly cluster: number;
  readonly segmentId: SegmentId | null;
  /** Points this shadow centroid received. */
  readonly observed: number;
  /** Distance from the champion's centroid in the scaled space (IQR units). */
  readonly distance: number;
  /** distance ÷ the cluster's training spread (RMS radius); null for a cluster that was empty in training. */
  readonly relative: number | null;
  readonly status: DriftStatus;
}

export interface CentroidDisplacementReport {
  readonly status: DriftStatus;
  readonly halfLife: number;
  /** Events fed to the shadow. */
  readonly seen: number;
  readonly clusters: readonly CentroidDisplacement[];
}

/** Each shadow centroid's displacement, judged once it received `minCount` points. */
export function centroidDisplacement(shadow: ShadowKMeans, thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS): CentroidDisplacementReport {
  const { model } = shadow;
  const clusters = model.segmentIds.map((segmentId, cluster): CentroidDisplacement => {
    const distance = shadow.displacement(cluster);
    const spread = model.clusterSpread[cluster];
    const relative = spread > 0 ? distance / spread : null;
    const observed = shadow.observed[cluster];
    const status: DriftStatus =
      observed < thresholds.minCount || relative === null ? 'insufficient-data' : severity(relative, thresholds.displacementWatch, thresholds.displacementAlert);
    return { cluster, segmentId, observed, distance, relative, status };
  });
  return { status: worstStatus(clusters.map((c) => c.status)), halfLife: shadow.halfLife, seen: shadow.seen, clusters };
}

/** The report for a champion without a reference (bundle schema version 1). */
export function noReferenceCentroidDisplacement(halfLife: number): CentroidDisplacementReport {
  return { status: 'no-reference', halfLife, seen: 0, clusters: [] };
}
