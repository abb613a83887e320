import { FEATURE_NAMES, predict, type ModelBundle } from '@seg/ml';
import { createTestBundle, customerRecord } from '@seg/ml/testing';
import type { AssignmentRow } from '../assignments/assignments.repository';
import { toRescoreJob, toSegment, toSegmentAssignment, toSegmentPrediction } from './scoring.mapping';

describe(toSegment.name, () => {
  let bundle: ModelBundle;

  beforeAll(async () => {
    bundle = await createTestBundle({ rows: 600 });
  });

  it("should carry the champion's label, profile per feature in schema order and centroid position when the id is a segment of it", () => {
    const cluster = bundle.segments.findIndex((s) => s.segmentId === 'revolvers');
    const segment = toSegment(bundle, 'revolvers');

    expect(segment).toMatchObject({ id: 'revolvers', label: bundle.segments[cluster].label, cluster });
    expect(segment.centroid).toEqual({ x: bundle.centroidsPca[cluster][0], y: bundle.centroidsPca[cluster][1] });
    expect(segment.profile.map((p) => p.key).slice(0, 3)).toEqual(['balance', 'balanceFrequency', 'purchases']);
    expect(segment.profile[0]).toEqual({ feature: 'BALANCE', key: 'balance', ...bundle.profiles.clusters[cluster].features.BALANCE });
  });

  it('should keep the id with no label, profile or centroid when the id is unknown or no champion is loaded', () => {
    const empty = { label: null, description: null, cluster: null, profile: [], centroid: null };

    expect(toSegment(bundle, 'retired')).toEqual({ id: 'retired', ...empty });
    expect(toSegment(null, 'revolvers')).toEqual({ id: 'revolvers', ...empty });
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

describe(toSegmentAssignment.name, () => {
  let bundle: ModelBundle;

  beforeAll(async () => {
    bundle = await createTestBundle({ rows: 600 });
  });

  const rowOf = (record: ReturnType<typeof customerRecord>, modelVersion: string): AssignmentRow => ({
    customerId: String(record.CUST_ID),
    segmentId: 'revolvers',
    cluster: 1,
    pcaX: 0,
    pcaY: 0,
    distance: 1,
    modelVersion,
    scoredAt: new Date(0),
    features: FEATURE_NAMES.map((name) => record[name] as number | null),
  });

  it("should derive predict's explanation from the stored features when the scoring model is the champion", () => {
    const record = customerRecord({ BALANCE: 9_000, CASH_ADVANCE: 7_000, MINIMUM_PAYMENTS: null });
    const [prediction] = predict(bundle, [record]);
    const mapped = toSegmentAssignment({ version: '3', bundle }, rowOf(record, '3'));

    expect(mapped.explanation).toEqual(prediction.explanation.map(({ feature, scaledValue, direction, logScale, rawValue, imputed, text }) => ({ feature, scaledValue, direction, logScale, rawValue, imputed, text })));
    expect(mapped.explanation.length).toBeGreaterThan(0);
  });

  it('should give no explanation, and keep the rest, when another model scored the customer', () => {
    const mapped = toSegmentAssignment({ version: '4', bundle }, rowOf(customerRecord({ BALANCE: 9_000 }), '3'));

    expect(mapped.explanation).toEqual([]);
    expect(mapped).toMatchObject({ modelVersion: '3', cluster: 1, distance: 1 });
  });
});

describe(toRescoreJob.name, () => {
  const job = { id: 'j', modelVersion: '2', status: 'running' as const, cursor: 'C1', startedAt: new Date(0), finishedAt: null, error: null };

  it('should give the percent done to one decimal, and 100 when there was nothing to re-score', () => {
    expect(toRescoreJob({ ...job, total: 3, done: 1 }).percent).toBe(33.3);
    expect(toRescoreJob({ ...job, total: 0, done: 0 }).percent).toBe(100);
  });
});
