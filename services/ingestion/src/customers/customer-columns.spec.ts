import { FEATURE_NAMES, FEATURES } from '@seg/ml';
import { CUSTOMER_COLUMNS, featureColumn, featuresByName, toCustomerRow } from './customer-columns';

const features = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i === 12 ? null : i + 0.5]));

describe(toCustomerRow.name, () => {
  it('should put every feature in its snake_case column and NULL for a missing one when a customer is mapped', () => {
    const updatedAt = new Date('2026-01-31T12:00:00Z');
    const row = toCustomerRow({ customerId: 'C1', features }, { source: 'csv', batchId: 'b-1', updatedAt });

    expect(Object.keys(row)).toEqual(CUSTOMER_COLUMNS);
    expect(row).toMatchObject({ customer_id: 'C1', balance: 0.5, credit_limit: null, minimum_payments: 14.5, tenure: 16.5 });
    expect(row).toMatchObject({ source: 'csv', batch_id: 'b-1', updated_at: updatedAt });
  });

  it('should store NULL when a feature is absent from the customer', () => {
    const row = toCustomerRow({ customerId: 'C1', features: {} }, { source: 'kafka', batchId: 'b', updatedAt: new Date(0) });
    expect(FEATURE_NAMES.map((name) => row[featureColumn(name)])).toEqual(FEATURE_NAMES.map(() => null));
  });
});

describe(featuresByName.name, () => {
  it('should map camelCase keys back to CSV names and keep nulls when an entity is read', () => {
    const byKey = Object.fromEntries(FEATURES.map((spec) => [spec.key, features[spec.name]]));
    expect(featuresByName(byKey)).toEqual(features);
  });
});
