import { FEATURES, type ModelBundle } from '@seg/ml';
import { segmentIdsByCluster } from '../assignments/scored-batch';
import type { FeatureProfile, Segment } from './segment.model';

/**
 * A segment as the champion describes it; an id the champion does not know (a retired segment still in an
 * old assignment or history row) keeps its id with no label, profile or centroid.
 */
export function toSegment(bundle: ModelBundle | null, segmentId: string): Segment {
  if (bundle === null) return unknownSegment(segmentId);
  // A bundle is never changed once loaded: a page of customers shares each segment's one object.
  let segments = segmentsByBundle.get(bundle);
  if (segments === undefined) segmentsByBundle.set(bundle, (segments = new Map()));
  let segment = segments.get(segmentId);
  if (segment === undefined) segments.set(segmentId, (segment = describeSegment(bundle, segmentId)));
  return segment;
}

const segmentsByBundle = new WeakMap<ModelBundle, Map<string, Segment>>();

const unknownSegment = (segmentId: string): Segment => ({ id: segmentId, label: null, description: null, cluster: null, profile: [], centroid: null });

function describeSegment(bundle: ModelBundle, segmentId: string): Segment {
  const cluster = segmentIdsByCluster(bundle).indexOf(segmentId);
  if (cluster === -1) return unknownSegment(segmentId);
  const definition = bundle.segments[cluster];
  const stats = bundle.profiles.clusters[cluster]?.features ?? {};
  const profile: FeatureProfile[] = FEATURES.flatMap((spec) => {
    const feature = stats[spec.name];
    return feature === undefined ? [] : [{ feature: spec.name, key: spec.key, ...feature }];
  });
  const [x, y] = bundle.centroidsPca[cluster];
  return { id: segmentId, label: definition.label, description: definition.description, cluster, profile, centroid: { x, y } };
}
