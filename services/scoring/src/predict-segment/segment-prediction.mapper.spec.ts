import { predict, type ModelBundle } from '@seg/ml';
import { createTestBundle, customerRecord } from '@seg/ml/testing';
import { toSegmentPrediction } from './segment-prediction.mapper';

describe(toSegmentPrediction.name, () => {
  let bundle: ModelBundle;

  beforeAll(async () => {
    bundle = await createTestBundle({ rows: 600 });
  });

  it('should name every distance by segment id and take the distance to the predicted cluster when a prediction is mapped', () => {
    const [prediction] = predict(bundle, [customerRecord({ BALANCE: 900 })]);
    const mapped = toSegmentPrediction(bundle, '4', prediction);

    expect(mapped.segment.id).toBe(prediction.segmentId);
    expect(mapped.distance).toBe(prediction.distances[prediction.cluster].distance);
    expect(mapped.distances.map((d) => d.segmentId)).toEqual(bundle.segments.map((s) => s.segmentId));
    expect(mapped.modelVersion).toBe('4');
  });
});
