import { FEATURES, FEATURE_NAMES } from '../features/feature-schema';
import { SYNTHETIC_GROUPS, SyntheticCustomerGenerator, syntheticCustomers, syntheticMatrix } from './synthetic-customers';

describe(SyntheticCustomerGenerator.name, () => {
  const rows = 20_000;
  const { matrix, groups } = syntheticMatrix(rows, 123);
  const column = (name: string): Float64Array => {
    const j = FEATURE_NAMES.indexOf(name);
    return Float64Array.from({ length: rows }, (_, i) => matrix.data[i * FEATURE_NAMES.length + j]);
  };

  it('should keep every value within its schema range and counts whole when generating', () => {
    const violations = FEATURES.flatMap((feature) =>
      Array.from(column(feature.name))
        .filter((v) => (Number.isNaN(v) ? !feature.missingAllowed : v < feature.min || v > feature.max || (feature.integer && !Number.isInteger(v))))
        .map((v) => `${feature.name}=${v}`),
    );
    expect(violations).toEqual([]);
  });

  it('should give tenures of 6 to 12 months and leave some MINIMUM_PAYMENTS missing, no other column', () => {
    expect(new Set(column('TENURE'))).toEqual(new Set([6, 7, 8, 9, 10, 11, 12]));
    const missing = column('MINIMUM_PAYMENTS').filter(Number.isNaN).length / rows;
    expect(missing).toBeGreaterThan(0.02);
    expect(missing).toBeLessThan(0.05);
    FEATURE_NAMES.filter((name) => name !== 'MINIMUM_PAYMENTS').forEach((name) => expect(column(name).some(Number.isNaN)).toBe(false));
  });

  it('should draw all four behaviour groups with their profiles when generating many customers', () => {
    const share = (g: number): number => groups.filter((x) => x === g).length / rows;
    SYNTHETIC_GROUPS.forEach((_, g) => expect(share(g)).toBeGreaterThan(0.15));
    const meanOf = (name: string, group: string): number => {
      const values = column(name).filter((_, i) => groups[i] === SYNTHETIC_GROUPS.indexOf(group as never));
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(meanOf('CASH_ADVANCE', 'cash-advance')).toBeGreaterThan(5 * meanOf('CASH_ADVANCE', 'transactors'));
    expect(meanOf('PRC_FULL_PAYMENT', 'transactors')).toBeGreaterThan(3 * meanOf('PRC_FULL_PAYMENT', 'revolvers'));
    expect(meanOf('BALANCE', 'revolvers')).toBeGreaterThan(5 * meanOf('BALANCE', 'low-activity'));
  });

  it('should produce the same customers for a seed, and others for another seed', () => {
    expect(syntheticMatrix(50, 123).matrix.data).toEqual(matrix.data.subarray(0, 50 * FEATURE_NAMES.length));
    expect(syntheticMatrix(50, 124).matrix.data).not.toEqual(matrix.data.subarray(0, 50 * FEATURE_NAMES.length));
  });

  it('should stream the same customers as objects with ids when iterated', () => {
    const streamed = [...syntheticCustomers(3, 123)];
    expect(streamed.map((c) => c.customerId)).toEqual(['S0000001', 'S0000002', 'S0000003']);
    expect(streamed.map((c) => c.group)).toEqual(Array.from(groups.subarray(0, 3), (g) => SYNTHETIC_GROUPS[g]));
    streamed.forEach((customer, i) =>
      FEATURE_NAMES.forEach((name, j) => {
        const v = matrix.data[i * FEATURE_NAMES.length + j];
        expect(customer.features[name]).toBe(Number.isNaN(v) ? null : v);
      }),
    );
  });

  it('should write values that read back as the same double when printed with String()', () => {
    const changed = Array.from(matrix.data).filter((v) => !Number.isNaN(v) && Number(String(v)) !== v);
    expect(changed).toEqual([]);
  });
});
