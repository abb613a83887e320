import type { CustomerPrediction, ModelBundle } from '@seg/ml';
import { segmentIdsByCluster } from '../assignments/scored-batch';
import { toSegment } from '../segments/segment.mapper';
import type { SegmentPrediction } from './segment-prediction.model';

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
