import { FEATURE_NAMES } from '../features/feature-schema';
import { createTestBundle, customerRecord } from '../testing';
import type { ModelBundle } from './model-bundle';
import { predict, PredictInputError } from './predict';

/** The bundle with an identity scaler and no log1p: the scaled value is the raw value, so ties are easy to make. */
function identityScaled(bundle: ModelBundle): ModelBundle {
  const d = bundle.preprocessor.featureNames.length;
  return {
    ...bundle,
    preprocessor: { ...bundle.preprocessor, log1p: Array(d).fill(false), scaler: { center: Array(d).fill(0), scale: Array(d).fill(1) } },
  };
}

describe(predict.name, () => {
  let bundle: ModelBundle;
  beforeAll(async () => {
    bundle = await createTestBundle();
  });

  it('should give segment, PCA position, a distance per centroid and the nearest cluster when the record is valid', () => {
    const [p] = predict(bundle, [customerRecord({ CUST_ID: 'C1', BALANCE: 2500, CASH_ADVANCE: 3000, CASH_ADVANCE_FREQUENCY: 0.5, CASH_ADVANCE_TRX: 8 })]);
    expect(p.customerId).toBe('C1');
    expect(p.distances.map((d) => d.cluster)).toEqual([0, 1, 2, 3]);
    expect(p.distances.map((d) => d.segmentId)).toEqual(bundle.segments.map((s) => s.segmentId));
    const nearest = p.distances.reduce((a, b) => (b.distance < a.distance ? b : a));
    expect(p.cluster).toBe(nearest.cluster);
    expect(p.segmentId).toBe(bundle.segments[p.cluster].segmentId);
    expect(Number.isFinite(p.pca.x) && Number.isFinite(p.pca.y)).toBe(true);
    expect(p.explanation.length).toBeLessThanOrEqual(3);
  });

  it('should list every problem of every invalid record and predict nothing when any record is invalid', () => {
    const attempt = (): unknown =>
      predict(bundle, [customerRecord(), customerRecord({ CUST_ID: 'C2', BALANCE: -5, PURCHASES_FREQUENCY: 2 }), customerRecord({ CUST_ID: 'bad id!' })]);
    expect(attempt).toThrow(PredictInputError);
    try {
      attempt();
    } catch (error) {
      const invalid = (error as PredictInputError).invalid;
      expect(invalid.map((c) => c.index)).toEqual([1, 2]);
      expect(invalid[0].errors.map((e) => e.column)).toEqual(['BALANCE', 'PURCHASES_FREQUENCY']);
      expect((error as Error).message).toContain('#1 (C2): BALANCE: -5 is below the minimum 0, PURCHASES_FREQUENCY: 2 is above the maximum 1');
    }
  });

  it('should impute a missing value and say so in the explanation when the record has no id', () => {
    const record: Record<string, number | string | null> = customerRecord({ MINIMUM_PAYMENTS: null, CREDIT_LIMIT: 0 });
    delete record.CUST_ID;
    const [p] = predict(identityScaled(bundle), [record]);
    expect(p.customerId).toBeNull();
    const fill = bundle.preprocessor.imputer.values[bundle.preprocessor.featureNames.indexOf('MINIMUM_PAYMENTS')];
    // With an identity scaler the imputed fill (hundreds) is the furthest value from 0.
    expect(p.explanation[0]).toMatchObject({ feature: 'MINIMUM_PAYMENTS', imputed: true, rawValue: fill, text: `MINIMUM_PAYMENTS ${fill.toFixed(1)}× IQR above the median (value ${fill}, imputed)` });
    expect(p.explanation.slice(1).every((e) => !e.imputed)).toBe(true);
  });

  it('should rank features by distance from the median and break ties by feature order when explaining', () => {
    const plain = identityScaled(bundle);
    const record = customerRecord({ PRC_FULL_PAYMENT: 0.5, BALANCE_FREQUENCY: 0.5, PURCHASES_FREQUENCY: 0.5, CREDIT_LIMIT: 0, BALANCE: 7 });
    const first = predict(plain, [record])[0].explanation;
    expect(first.map((e) => e.feature)).toEqual(['BALANCE', 'BALANCE_FREQUENCY', 'PURCHASES_FREQUENCY']);
    expect(first[0]).toMatchObject({ scaledValue: 7, direction: 'above', logScale: false, rawValue: 7, text: 'BALANCE 7.0× IQR above the median (value 7)' });
    expect(predict(plain, [record])[0].explanation).toEqual(first);
    expect(FEATURE_NAMES.indexOf('BALANCE_FREQUENCY')).toBeLessThan(FEATURE_NAMES.indexOf('PURCHASES_FREQUENCY'));
  });

  it('should return nothing when given no records', () => {
    expect(predict(bundle, [])).toEqual([]);
  });
});
