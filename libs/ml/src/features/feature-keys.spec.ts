import { FEATURES } from './feature-schema';
import { fromFeatureKeys, toFeatureKeys } from './feature-keys';

describe('toFeatureKeys', () => {
  it('should rename every feature to its camelCase key and back when mapping both ways', () => {
    const values = Object.fromEntries(FEATURES.map((f, i) => [f.name, i === 14 ? null : i]));
    const byKey = toFeatureKeys(values);
    expect(byKey).toMatchObject({ balance: 0, balanceFrequency: 1, minimumPayments: null, tenure: 16 });
    expect(Object.keys(byKey)).toEqual(FEATURES.map((f) => f.key));
    expect(fromFeatureKeys(byKey)).toEqual(values);
  });
});

describe('fromFeatureKeys', () => {
  it('should drop unknown keys and leave absent features absent when the input is partial', () => {
    expect(fromFeatureKeys({ balance: '12', creditLimit: null, favouriteColour: 'blue' })).toEqual({ BALANCE: '12', CREDIT_LIMIT: null });
  });
});
