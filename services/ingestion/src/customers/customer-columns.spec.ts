import { FEATURE_COLUMNS } from '@seg/contracts';
import { FEATURE_NAMES, FEATURES } from '@seg/ml';
import { CUSTOMER_COLUMNS, featuresByName, STAMP_COLUMNS, toCustomerRow, toStampValues } from './customer-columns';

const features = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i === 12 ? null : i + 0.5]));

describe(toCustomerRow.name, () => {
  it('should put every feature in its snake_case column and NULL for a missing one when a customer is mapped', () => {
    const row = toCustomerRow({ customerId: 'C1', features });

    expect(Object.keys(row)).toEqual(CUSTOMER_COLUMNS.filter((column) => !(STAMP_COLUMNS as readonly string[]).includes(column)));
    expect(row).toMatchObject({ customer_id: 'C1', balance: 0.5, credit_limit: null, minimum_payments: 14.5, tenure: 16.5 });
  });

  it('should give each customer its own row when customers are mapped one after the other', () => {
    const first = toCustomerRow({ customerId: 'C1', features });
    const second = toCustomerRow({ customerId: 'C2', features: {} });
    expect([first.customer_id, first.balance, second.customer_id, second.balance]).toEqual(['C1', 0.5, 'C2', null]);
  });

  it("should carry an event's source time, and none for a CSV row, which takes its batch's", () => {
    expect(toCustomerRow({ customerId: 'C1', features, occurredAt: '2026-01-31T12:00:00Z' }).occurred_at).toBe('2026-01-31T12:00:00Z');
    expect(toCustomerRow({ customerId: 'C1', features }).occurred_at).toBeNull();
  });

  it('should store NULL when a feature is absent from the customer', () => {
    const row = toCustomerRow({ customerId: 'C1', features: {} });
    expect(FEATURE_COLUMNS.map((column) => row[column])).toEqual(FEATURE_NAMES.map(() => null));
  });
});

describe(toStampValues.name, () => {
  it('should give the stamp columns their values when a chunk is stamped', () => {
    const updatedAt = new Date('2026-01-31T12:00:00Z');
    const values = toStampValues({ source: 'csv', batchId: 'b-1', updatedAt });
    expect(Object.keys(values)).toEqual([...STAMP_COLUMNS]);
    expect(values).toEqual({ source: 'csv', batch_id: 'b-1', updated_at: updatedAt });
  });
});

describe(featuresByName.name, () => {
  it('should map camelCase keys back to CSV names and keep nulls when an entity is read', () => {
    const byKey = Object.fromEntries(FEATURES.map((spec) => [spec.key, features[spec.name]]));
    expect(featuresByName(byKey)).toEqual(features);
  });
});
