import type { ModelBundle } from '@seg/ml';
import type { AssignmentRow, SegmentChangeRow } from '../assignments/assignments.repository';
import { explanationsJson, type StoredExplanation } from '../assignments/scored-batch';
import type { Champion } from '../champion/champion.holder';
import { featureRowsToBatch } from '../customer-features/feature-batch';
import { toSegment } from '../segments/segment.mapper';
import type { SegmentAssignment, SegmentChange } from './customer.model';
import type { FeatureExplanation } from './feature-explanation.model';

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
