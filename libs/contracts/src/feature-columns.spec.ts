import { FEATURE_NAMES } from '@seg/ml';
import { FEATURE_COLUMNS } from './feature-columns';

describe('FEATURE_COLUMNS', () => {
  it("should name each feature's column by its CSV name in lower case, in schema order", () => {
    expect(FEATURE_COLUMNS).toEqual(FEATURE_NAMES.map((name) => name.toLowerCase()));
    expect(FEATURE_COLUMNS.slice(0, 2)).toEqual(['balance', 'balance_frequency']);
    expect(FEATURE_COLUMNS.at(-1)).toBe('tenure');
  });
});
