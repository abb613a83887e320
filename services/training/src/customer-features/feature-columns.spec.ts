import type { CustomerFeaturesEvent } from '@seg/contracts';
import { FEATURE_NAMES } from '@seg/ml';
import { latestFeatureRows, rowsToMatrix } from './feature-columns';

const event = (customerId: string, balance: number | null, updatedAt: string): CustomerFeaturesEvent => ({
  customerId,
  features: Object.fromEntries(FEATURE_NAMES.map((name) => [name, name === 'BALANCE' ? balance : 1])),
  source: 'csv',
  batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
  updatedAt,
});

describe(latestFeatureRows.name, () => {
  it('should keep only the latest event of a customer when a batch holds several', () => {
    const rows = latestFeatureRows([event('C1', 10, '2026-01-01T00:00:00Z'), event('C2', 5, '2026-01-01T00:00:00Z'), event('C1', 20, '2026-01-02T00:00:00Z')]);

    expect(rows.map((row) => [row.customer_id, row.balance])).toEqual([
      ['C1', 20],
      ['C2', 5],
    ]);
    expect([rows[0].occurred_at, rows[0].updated_at]).toEqual(['2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z']);
  });

  it('should keep the state that occurred last, not the last read, when a replay puts an older state last', () => {
    const newer = { ...event('C1', 10, '2026-12-01T10:00:00Z'), occurredAt: '2026-06-01T00:00:00Z' };
    const older = { ...event('C1', 20, '2026-12-01T10:00:01Z'), occurredAt: '2020-06-01T00:00:00Z' };
    expect(latestFeatureRows([newer, older]).map((row) => [row.balance, row.occurred_at, row.updated_at])).toEqual([[10, '2026-06-01T00:00:00Z', '2026-12-01T10:00:00Z']]);
  });
});

describe(rowsToMatrix.name, () => {
  it('should put NaN for a missing value and keep the row order when rows come from the table', () => {
    const [first] = latestFeatureRows([event('C1', null, '2026-01-01T00:00:00Z')]);
    const { matrix, customerIds } = rowsToMatrix([first, { ...first, customer_id: 'C2', balance: 3 }]);

    expect(customerIds).toEqual(['C1', 'C2']);
    expect([matrix.rows, matrix.cols]).toEqual([2, FEATURE_NAMES.length]);
    expect(Number.isNaN(matrix.data[0])).toBe(true);
    expect(matrix.data[FEATURE_NAMES.length]).toBe(3);
    expect(matrix.data[1]).toBe(1);
  });
});
