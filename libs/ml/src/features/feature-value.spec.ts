import { featureByName, type FeatureSpec } from './feature-schema';
import { normalizeFeatureValue, parseDecimal, parseDecimalAt, RATIO_CLAMP_LIMIT, type FeatureWarning, type FieldError } from './feature-value';

function spec(name: string): FeatureSpec {
  const found = featureByName(name);
  if (found === undefined) throw new Error(`no feature ${name}`);
  return found;
}

function normalize(name: string, raw: unknown) {
  const errors: FieldError[] = [];
  const warnings: FeatureWarning[] = [];
  const value = normalizeFeatureValue(spec(name), raw, errors, warnings);
  return { value, errors, warnings };
}

describe(parseDecimal.name, () => {
  it('should give exactly the double Number() gives when the text is a plain decimal', () => {
    const samples = ['0', '40.900749', '0.818182', '3202.467416', '-12.5', '+7', '.5', '12.', '123456789012345', '0.000000000000001', '1234567890.12345'];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      samples.push((seed / 1000).toFixed(i % 7), String(seed % 100000), (seed / 2147483648).toFixed(6));
    }
    for (const text of samples) expect(Object.is(parseDecimal(text), Number(text))).toBe(true);
  });

  it('should fall back to Number() when the text has more than 15 digits or an exponent', () => {
    expect(parseDecimal('0.12345678901234567')).toBe(Number('0.12345678901234567'));
    expect(parseDecimal('1.5e3')).toBe(1500);
    expect(parseDecimal(' 42 ')).toBe(42);
  });

  it('should return NaN when the text is not a decimal number', () => {
    for (const text of ['', ' ', '-', '.', 'abc', '1.2.3', '0x1A', '0b1', 'Infinity', '1,5', '12abc', 'e5']) {
      expect(parseDecimal(text)).toBeNaN();
    }
  });

  it('should read only the given range when parsing inside a longer text', () => {
    expect(parseDecimalAt('C1,12.5,7', 3, 7)).toBe(12.5);
    expect(parseDecimalAt('C1,12.5,7', 8, 9)).toBe(7);
  });
});

describe(normalizeFeatureValue.name, () => {
  it('should accept a number or numeric text when it lies within the feature range', () => {
    expect(normalize('BALANCE', 40.9)).toEqual({ value: 40.9, errors: [], warnings: [] });
    expect(normalize('BALANCE', '40.9')).toEqual({ value: 40.9, errors: [], warnings: [] });
    expect(normalize('TENURE', '12')).toEqual({ value: 12, errors: [], warnings: [] });
  });

  it('should keep a missing value as null when the feature allows it', () => {
    for (const raw of [null, undefined, '', '  ']) expect(normalize('MINIMUM_PAYMENTS', raw)).toEqual({ value: null, errors: [], warnings: [] });
  });

  it('should report a human reason when the value is invalid', () => {
    const cases: [string, unknown, string][] = [
      ['MINIMUM_PAYMENTS', 'abc', "MINIMUM_PAYMENTS: not a number ('abc')"],
      ['PURCHASES_FREQUENCY', '1.7', 'PURCHASES_FREQUENCY: 1.7 is above the maximum 1'],
      ['TENURE', 7.5, 'TENURE: must be a whole number of months (7.5)'],
      ['PURCHASES_TRX', '2.5', 'PURCHASES_TRX: must be a whole number (2.5)'],
      ['BALANCE', null, 'BALANCE: missing value not allowed'],
      ['BALANCE', '', 'BALANCE: missing value not allowed'],
      ['BALANCE', -3, 'BALANCE: -3 is below the minimum 0'],
      ['BALANCE', Number.NaN, 'BALANCE: not a finite number (NaN)'],
      ['BALANCE', true, 'BALANCE: not a number (true)'],
      ['BALANCE', { amount: 1 }, 'BALANCE: not a number (an object)'],
      ['TENURE', 0, 'TENURE: 0 is below the minimum 1'],
    ];
    for (const [name, raw, reason] of cases) {
      expect(normalize(name, raw)).toEqual({ value: undefined, errors: [{ column: name, reason }], warnings: [] });
    }
  });

  it('should clamp a ratio to 1 and warn when it lies above 1 but not above the tolerated limit', () => {
    const { value, errors, warnings } = normalize('CASH_ADVANCE_FREQUENCY', '1.25');
    expect(value).toBe(1);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      expect.objectContaining({ kind: 'clamped', column: 'CASH_ADVANCE_FREQUENCY', originalValue: 1.25, value: 1 }),
    ]);
    expect(warnings[0].reason).toContain('1.25 is above the maximum 1; clamped to 1');
    expect(normalize('CASH_ADVANCE_FREQUENCY', RATIO_CLAMP_LIMIT).value).toBe(1);
  });

  it('should reject a ratio when it lies beyond the tolerated limit or below 0', () => {
    expect(normalize('CASH_ADVANCE_FREQUENCY', 1.51)).toEqual({
      value: undefined,
      errors: [{ column: 'CASH_ADVANCE_FREQUENCY', reason: 'CASH_ADVANCE_FREQUENCY: 1.51 is above the maximum 1' }],
      warnings: [],
    });
    expect(normalize('PRC_FULL_PAYMENT', -0.1).errors).toEqual([{ column: 'PRC_FULL_PAYMENT', reason: 'PRC_FULL_PAYMENT: -0.1 is below the minimum 0' }]);
  });

  it('should never clamp a money value when it is above its maximum', () => {
    const { value, errors, warnings } = normalize('BALANCE', 1.2e9);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(warnings).toEqual([]);
  });
});
