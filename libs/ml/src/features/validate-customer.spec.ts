import { FEATURE_NAMES, type FeatureValues } from './feature-schema';
import { customerIdProblem, parseRawCustomerEvent, validateCustomer, validateRawCustomerEvent } from './validate-customer';

const VALID_FEATURES: FeatureValues = {
  BALANCE: 40.900749, BALANCE_FREQUENCY: 0.818182, PURCHASES: 95.4, ONEOFF_PURCHASES: 0, INSTALLMENTS_PURCHASES: 95.4,
  CASH_ADVANCE: 0, PURCHASES_FREQUENCY: 0.166667, ONEOFF_PURCHASES_FREQUENCY: 0, PURCHASES_INSTALLMENTS_FREQUENCY: 0.083333,
  CASH_ADVANCE_FREQUENCY: 0, CASH_ADVANCE_TRX: 0, PURCHASES_TRX: 2, CREDIT_LIMIT: 1000, PAYMENTS: 201.802084,
  MINIMUM_PAYMENTS: 139.509787, PRC_FULL_PAYMENT: 0, TENURE: 12,
};

function event(overrides: Record<string, unknown> = {}, features: Record<string, unknown> = {}) {
  return { customerId: 'C10001', occurredAt: '2026-01-31T12:00:00Z', features: { ...VALID_FEATURES, ...features }, ...overrides };
}

describe('validateCustomer', () => {
  it('should return the customer with every feature in schema order when the record is valid', () => {
    const record = { CUST_ID: 'C10001', ...Object.fromEntries(Object.entries(VALID_FEATURES).map(([k, v]) => [k, String(v)])), EXTRA: 'ignored' };
    const result = validateCustomer(record);
    expect(result).toEqual({ ok: true, customer: { customerId: 'C10001', features: VALID_FEATURES }, warnings: [] });
    if (result.ok) expect(Object.keys(result.customer.features)).toEqual(FEATURE_NAMES);
  });

  it('should report every bad column at once when the record has several problems', () => {
    const result = validateCustomer({ ...VALID_FEATURES, CUST_ID: 'C 1', MINIMUM_PAYMENTS: 'abc', PURCHASES_FREQUENCY: 1.7, TENURE: 7.5, BALANCE: null });
    expect(result).toEqual({
      ok: false,
      errors: [
        { column: 'CUST_ID', reason: "CUST_ID: only letters, digits and _ . : - are allowed ('C 1')" },
        { column: 'BALANCE', reason: 'BALANCE: missing value not allowed' },
        { column: 'PURCHASES_FREQUENCY', reason: 'PURCHASES_FREQUENCY: 1.7 is above the maximum 1' },
        { column: 'MINIMUM_PAYMENTS', reason: "MINIMUM_PAYMENTS: not a number ('abc')" },
        { column: 'TENURE', reason: 'TENURE: must be a whole number of months (7.5)' },
      ],
    });
  });

  it('should accept the customer with a warning and the clamped value when a ratio is slightly above 1', () => {
    const result = validateCustomer({ CUST_ID: 'C10708', ...VALID_FEATURES, CASH_ADVANCE_FREQUENCY: 1.25 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.customer.features.CASH_ADVANCE_FREQUENCY).toBe(1);
    expect(result.warnings).toEqual([expect.objectContaining({ column: 'CASH_ADVANCE_FREQUENCY', originalValue: 1.25, value: 1 })]);
    expect(result.customer.features.BALANCE).toBe(VALID_FEATURES.BALANCE);
  });
});

describe(customerIdProblem.name, () => {
  it('should accept an id when it has at most 64 of the allowed characters', () => {
    for (const id of ['C10001', 'a', 'crm:eu-1.customer_42', 'x'.repeat(64)]) expect(customerIdProblem(id)).toBeNull();
  });

  it('should explain the problem when the id is empty, too long, not text or has other characters', () => {
    expect(customerIdProblem('')).toBe('CUST_ID: missing customer id');
    expect(customerIdProblem('x'.repeat(65))).toMatch(/^CUST_ID: longer than 64 characters/);
    expect(customerIdProblem(12)).toBe('CUST_ID: must be a string (number)');
    expect(customerIdProblem(undefined, 'customerId')).toBe('customerId: must be a string (missing)');
    for (const id of ['C1 ', 'C/1', 'Ć1', 'C1\n']) expect(customerIdProblem(id)).toMatch(/only letters, digits/);
  });
});

describe('validateRawCustomerEvent', () => {
  it('should return the event with null kept as missing when unknown fields are present', () => {
    const result = validateRawCustomerEvent({ ...event({ source: 'crm' }, { MINIMUM_PAYMENTS: null, SHOE_SIZE: 44 }) });
    expect(result).toEqual({
      ok: true,
      event: { customerId: 'C10001', occurredAt: '2026-01-31T12:00:00Z', features: { ...VALID_FEATURES, MINIMUM_PAYMENTS: null } },
      warnings: [],
    });
  });

  it('should report a missing feature key, numeric text and a null where missing is not allowed', () => {
    const features: Record<string, unknown> = { ...VALID_FEATURES, PURCHASES: '95.4', BALANCE: null };
    delete features.TENURE;
    const result = validateRawCustomerEvent({ ...event(), features });
    expect(result).toEqual({
      ok: false,
      errors: [
        { column: 'BALANCE', reason: 'BALANCE: missing value not allowed' },
        { column: 'PURCHASES', reason: "PURCHASES: expected a number or null, got text ('95.4')" },
        { column: 'TENURE', reason: 'TENURE: missing from the event (send null for a missing value)' },
      ],
    });
  });

  it('should reject the envelope when customerId, occurredAt or features are wrong', () => {
    const result = validateRawCustomerEvent({ customerId: '', occurredAt: '2026-01-31 12:00', features: [] });
    expect(result).toEqual({
      ok: false,
      errors: [
        { column: 'customerId', reason: 'customerId: missing customer id' },
        { column: 'occurredAt', reason: "occurredAt: not an ISO-8601 instant with a time zone ('2026-01-31 12:00')" },
        { column: 'features', reason: 'features: expected an object of feature values by CSV name' },
      ],
    });
    expect(validateRawCustomerEvent(event({ occurredAt: '2026-01-31T12:00:00' })).ok).toBe(false);
    expect(validateRawCustomerEvent(event({ occurredAt: '2026-01-31T12:00:00.123+02:00' })).ok).toBe(true);
    expect(validateRawCustomerEvent([1])).toEqual({ ok: false, errors: [{ column: null, reason: 'event: expected a JSON object, got an array' }] });
  });

  it('should reject an occurredAt that Date.parse takes but PostgreSQL cannot store, which would fail the whole batch', () => {
    for (const occurredAt of ['2026-02-30T12:00:00Z', '2026-02-29T12:00:00Z', '2026-04-31T12:00:00Z', '0000-06-01T12:00:00Z', '2026-01-31T12:00:00+16:00', '2026-01-00T12:00:00Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:59:59.5Z']) {
      expect([occurredAt, validateRawCustomerEvent(event({ occurredAt })).ok]).toEqual([occurredAt, false]);
    }
    for (const occurredAt of ['2024-02-29T12:00:00Z', '2000-02-29T00:00:00-15:59', '0001-01-01T00:00:00Z', '9999-12-31T23:59:58.999999999Z']) {
      expect([occurredAt, validateRawCustomerEvent(event({ occurredAt })).ok]).toEqual([occurredAt, true]);
    }
  });
});

describe('parseRawCustomerEvent', () => {
  it('should validate the parsed event when the text is JSON', () => {
    expect(parseRawCustomerEvent(JSON.stringify(event())).ok).toBe(true);
  });

  it('should report the JSON error when the text is not JSON', () => {
    const result = parseRawCustomerEvent('{"customerId": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toEqual({ column: null, reason: expect.stringMatching(/^event: not valid JSON/) });
  });
});
