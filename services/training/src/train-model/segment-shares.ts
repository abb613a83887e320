import { SEGMENT_IDS, type ModelBundle, type SegmentId } from '@seg/ml';

export interface SegmentShares {
  /** Share of the training customers per assigned segment id (a segment of two clusters adds them up). */
  readonly shares: Partial<Record<SegmentId, number>>;
  /** Clusters without a segment id, or without a profile to take their size from. */
  readonly unassignedClusters: readonly number[];
}

/** Each segment's share of the training customers, from the bundle's cluster profiles. */
export function segmentShares(bundle: ModelBundle): SegmentShares {
  const shares: Partial<Record<SegmentId, number>> = {};
  const unassignedClusters: number[] = [];
  for (const segment of bundle.segments) {
    const share = bundle.profiles.clusters.find((profile) => profile.cluster === segment.cluster)?.share;
    if (segment.segmentId === null || share === undefined || !Number.isFinite(share)) {
      unassignedClusters.push(segment.cluster);
      continue;
    }
    shares[segment.segmentId] = (shares[segment.segmentId] ?? 0) + share;
  }
  return { shares, unassignedClusters };
}

/** The segment ids in their canonical order, for stable output. */
export function orderedSegmentIds(shares: Partial<Record<SegmentId, number>>): SegmentId[] {
  return SEGMENT_IDS.filter((id) => shares[id] !== undefined);
}
