import { FEATURES } from './feature-schema';
import { customersToMatrix } from './feature-matrix';

describe('customersToMatrix', () => {
  it('should lay out features in schema order with NaN for missing values', () => {
    const features = Object.fromEntries(FEATURES.map((f, i) => [f.name, i === 12 ? null : i + 1]));
    const m = customersToMatrix([{ customerId: 'a', features }, { customerId: 'b', features: { ...features, BALANCE: 99 } }]);
    expect([m.rows, m.cols]).toEqual([2, 17]);
    expect(Array.from(m.data.subarray(0, 13))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, Number.NaN]);
    expect(m.data[17]).toBe(99);
    expect(m.data[18]).toBe(2);
  });
});
