import type { IngestSource } from '@seg/contracts';
import { FEATURES, type CustomerFeatures, type FeatureValues } from '@seg/ml';

/** A feature's column in `customers`: its CSV name in lower case (MINIMUM_PAYMENTS → minimum_payments). */
export function featureColumn(featureName: string): string {
  return featureName.toLowerCase();
}

export const FEATURE_COLUMNS: readonly string[] = FEATURES.map((spec) => featureColumn(spec.name));

// Resolved once: a row is built per ingested customer, millions per large file.
const FEATURE_NAME_COLUMNS: readonly (readonly [name: string, column: string])[] = FEATURES.map((spec) => [spec.name, featureColumn(spec.name)]);

export const CUSTOMER_COLUMNS: readonly string[] = ['customer_id', ...FEATURE_COLUMNS, 'source', 'batch_id', 'updated_at'];

/** Who wrote a customer's current state, and when. */
export interface CustomerStamp {
  readonly source: IngestSource;
  readonly batchId: string;
  readonly updatedAt: Date;
}

export type CustomerRow = Record<string, string | number | Date | null>;

/** A validated customer as a `customers` row; a missing feature is stored as NULL. */
export function toCustomerRow(customer: CustomerFeatures, stamp: CustomerStamp): CustomerRow {
  const row: CustomerRow = { customer_id: customer.customerId };
  for (const [name, column] of FEATURE_NAME_COLUMNS) row[column] = customer.features[name] ?? null;
  row.source = stamp.source;
  row.batch_id = stamp.batchId;
  row.updated_at = stamp.updatedAt;
  return row;
}

/** Features by camelCase key (entity and GraphQL shape) → by CSV name (events and validation). */
export function featuresByName(byKey: Readonly<Record<string, number | null | undefined>>): FeatureValues {
  const features: FeatureValues = {};
  for (const spec of FEATURES) features[spec.name] = byKey[spec.key] ?? null;
  return features;
}
