import { FEATURES, type CustomerPrediction, type ModelBundle } from '@seg/ml';
import type { AssignmentRow, SegmentChangeRow } from '../assignments/assignments.repository';
import { explanationsJson, segmentIdsByCluster, type StoredExplanation } from '../assignments/scored-batch';
import type { Champion } from '../champion/champion.holder';
import { featureRowsToBatch } from '../customer-features/feature-batch';
import type { RescoreJobRecord } from '../rescore/rescore-jobs.repository';
import type { FeatureExplanation, FeatureProfile, RescoreJob, Segment, SegmentAssignment, SegmentChange, SegmentPrediction } from './scoring.models';

/** The sentence `predict` from @seg/ml writes, e.g. "CASH_ADVANCE 1.3× IQR above the median (log scale; value 6442.95)". */
export function explanationText(item: StoredExplanation): string {
  const direction = item.scaledValue > 0 ? 'above' : 'below';
  const note = [item.logScale ? 'log scale' : null, `value ${item.rawValue}${item.imputed ? ', imputed' : ''}`].filter((s) => s !== null).join('; ');
  return `${item.feature} ${Math.abs(item.scaledValue).toFixed(1)}× IQR ${direction} the median (${note})`;
}

export function toFeatureExplanations(items: readonly StoredExplanation[]): FeatureExplanation[] {
  return items.map((item) => ({ ...item, direction: item.scaledValue > 0 ? 'above' : 'below', text: explanationText(item) }));
}

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

/**
 * The explanation is derived from the stored features with the bundle that scored them (the same text the
 * write would have stored); while a re-score has not reached the customer its model is not loaded any more,
 * and the explanation is empty until it does.
 */
export function toSegmentAssignment(champion: Pick<Champion, 'version' | 'bundle'> | null, row: AssignmentRow): SegmentAssignment {
  return {
    segment: toSegment(champion?.bundle ?? null, row.segmentId),
    cluster: row.cluster,
    pca: { x: row.pcaX, y: row.pcaY },
    distance: row.distance,
    modelVersion: row.modelVersion,
    scoredAt: row.scoredAt,
    // Derived only when a query selects it (GraphQL's default resolver reads the property): it re-runs the
    // model's preprocessing for the customer, the largest cost of a page of customers' segments.
    get explanation() {
      const items =
        champion === null || champion.version !== row.modelVersion
          ? []
          : (JSON.parse(explanationsJson(champion.bundle, featureRowsToBatch([[row.customerId, ...row.features]]), [0])[0]) as StoredExplanation[]);
      return toFeatureExplanations(items);
    },
  };
}

export function toSegmentChange(bundle: ModelBundle | null, row: SegmentChangeRow): SegmentChange {
  return {
    fromSegment: row.fromSegment === null ? null : toSegment(bundle, row.fromSegment),
    toSegment: toSegment(bundle, row.toSegment),
    modelVersion: row.modelVersion,
    changedAt: row.changedAt,
    reason: toFeatureExplanations(JSON.parse(row.reason) as StoredExplanation[]),
  };
}

export function toSegmentPrediction(bundle: ModelBundle, modelVersion: string, prediction: CustomerPrediction): SegmentPrediction {
  const segmentIds = segmentIdsByCluster(bundle);
  return {
    segment: toSegment(bundle, segmentIds[prediction.cluster]),
    cluster: prediction.cluster,
    pca: prediction.pca,
    distance: prediction.distances[prediction.cluster].distance,
    distances: prediction.distances.map((d) => ({ segmentId: segmentIds[d.cluster], cluster: d.cluster, distance: d.distance })),
    explanation: prediction.explanation.map(({ feature, scaledValue, direction, logScale, rawValue, imputed, text }) => ({
      feature,
      scaledValue,
      direction,
      logScale,
      rawValue,
      imputed,
      text,
    })),
    modelVersion,
  };
}

export function toRescoreJob(job: RescoreJobRecord): RescoreJob {
  return { ...job, percent: job.total === 0 ? 100 : Math.min(100, Math.round((job.done / job.total) * 1_000) / 10) };
}
