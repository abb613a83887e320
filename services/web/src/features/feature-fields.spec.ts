import { checkFeature, emptyFeatureTexts, FEATURE_FIELDS, FEATURE_GROUPS, featureField, featureFieldByName, featuresInput, featureTexts, formatFeatureValue } from './feature-fields';

const validTexts = () => featureTexts(Object.fromEntries(FEATURE_FIELDS.map((f) => [f.key, f.min])));

describe('checkFeature', () => {
  it('should accept a number inside the range and give it back as a number', () => {
    expect(checkFeature(featureField('balance'), ' 40.9 ')).toEqual({ ok: true, value: 40.9 });
    expect(checkFeature(featureField('prcFullPayment'), '1')).toEqual({ ok: true, value: 1 });
  });

  it('should say "Not a number." when the text is not a plain decimal number', () => {
    for (const text of ['abc', '1,5', '12a', '0x10', 'Infinity']) expect(checkFeature(featureField('balance'), text)).toEqual({ ok: false, error: 'Not a number.' });
  });

  it('should say the range when the value is out of it', () => {
    expect(checkFeature(featureField('purchasesFrequency'), '1.2')).toEqual({ ok: false, error: 'Out of range: 0 to 1.' });
    expect(checkFeature(featureField('balance'), '-1')).toEqual({ ok: false, error: 'Out of range: 0 to 1,000,000,000.' });
  });

  it('should require a whole number when the feature is a count or months', () => {
    expect(checkFeature(featureField('tenure'), '11.5')).toEqual({ ok: false, error: 'Must be a whole number.' });
    expect(checkFeature(featureField('purchasesTrx'), '3')).toEqual({ ok: true, value: 3 });
  });

  it('should allow an empty value only when the feature may be missing', () => {
    expect(checkFeature(featureField('minimumPayments'), '')).toEqual({ ok: true, value: null });
    expect(checkFeature(featureField('balance'), '')).toEqual({ ok: false, error: 'Required.' });
  });
});

describe('featuresInput', () => {
  it('should give every feature when all values are valid', () => {
    const input = featuresInput(validTexts());
    expect(Object.keys(input ?? {}).sort()).toEqual(FEATURE_FIELDS.map((f) => f.key).sort());
    expect(input?.tenure).toBe(1);
  });

  it('should give nothing when any value is invalid or the form is empty', () => {
    expect(featuresInput({ ...validTexts(), cashAdvanceFrequency: '2' })).toBeNull();
    expect(featuresInput(emptyFeatureTexts())).toBeNull();
  });
});

describe('FEATURE_GROUPS', () => {
  it('should place each of the 17 features in exactly one group', () => {
    const grouped = FEATURE_GROUPS.flatMap((g) => g.keys);
    expect(grouped).toHaveLength(17);
    expect(new Set(grouped)).toEqual(new Set(FEATURE_FIELDS.map((f) => f.key)));
  });
});

describe('formatFeatureValue', () => {
  it('should round amounts to whole units with separators, show ratios as percentages and spell out months', () => {
    expect(formatFeatureValue(featureField('cashAdvance'), 1466.9)).toBe('1,467');
    expect(formatFeatureValue(featureField('purchasesFrequency'), 0.916)).toBe('92 %');
    expect(formatFeatureValue(featureField('tenure'), 12)).toBe('12 months');
    expect(formatFeatureValue(featureField('purchasesTrx'), 2.5)).toBe('2.5');
  });

  it('should say "missing" when there is no value, not zero', () => {
    expect(formatFeatureValue(featureField('minimumPayments'), null)).toBe('missing');
    expect(formatFeatureValue(featureField('minimumPayments'), 0)).toBe('0');
  });
});

describe('featureFieldByName', () => {
  it('should find a field by its CSV name and nothing for an unknown one', () => {
    expect(featureFieldByName('CASH_ADVANCE')?.key).toBe('cashAdvance');
    expect(featureFieldByName('NOT_A_FEATURE')).toBeUndefined();
  });
});
