import { FEATURE_NAMES, predict, type ModelBundle } from '@seg/ml';
import { createTestBundle, customerRecord } from '@seg/ml/testing';
import type { AssignmentRow } from '../assignments/assignments.repository';
import { toSegmentAssignment } from './customer.mapper';

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
