import { FEATURE_COLUMNS, type IngestSource } from '@seg/contracts';
import { FEATURES, type CustomerFeatures, type FeatureValues } from '@seg/ml';

// Resolved once: a row is built per ingested customer, millions per large file.
const FEATURE_NAME_COLUMNS: readonly (readonly [name: string, column: string])[] = FEATURES.map((spec) => [spec.name, spec.column]);

/** Who wrote a customer's current state: the same for every customer a chunk writes. */
export const STAMP_COLUMNS = ['source', 'batch_id', 'updated_at'] as const;

/** The source's time of the stored state: with `updated_at`, the version an older state may not replace. */
export const OCCURRED_AT_COLUMN = 'occurred_at';

export const CUSTOMER_COLUMNS: readonly string[] = ['customer_id', ...FEATURE_COLUMNS, OCCURRED_AT_COLUMN, ...STAMP_COLUMNS];

/** Who wrote a customer's current state, and when. */
export interface CustomerStamp {
  readonly source: IngestSource;
  readonly batchId: string;
  readonly updatedAt: Date;
}

/**
 * A customer's own columns: its id, its features and its source time when it has its own (the stamp columns, and a
 * source time all rows share, are bound once per chunk, `toStampValues`).
 */
export type CustomerRow = Record<string, string | number | null>;

// Every row is a copy of this one, so all rows share one object shape with their properties in place: adding 18
// properties one by one built a dictionary-mode object per customer, and reading it back per column cost as much.
const ROW_TEMPLATE: CustomerRow = Object.fromEntries([['customer_id', ''], ...FEATURE_COLUMNS.map((column) => [column, null]), [OCCURRED_AT_COLUMN, null]]);

/** A validated customer as the columns of its `customers` row; a missing feature is stored as NULL. */
export function toCustomerRow(customer: CustomerFeatures & { readonly occurredAt?: string }): CustomerRow {
  const row = { ...ROW_TEMPLATE };
  row.customer_id = customer.customerId;
  const { features } = customer;
  for (const [name, column] of FEATURE_NAME_COLUMNS) row[column] = features[name] ?? null;
  row[OCCURRED_AT_COLUMN] = customer.occurredAt ?? null;
  return row;
}

/** The stamp columns' values, the same for every row of a chunk. */
export function toStampValues(stamp: CustomerStamp): Record<(typeof STAMP_COLUMNS)[number], string | Date> {
  return { source: stamp.source, batch_id: stamp.batchId, updated_at: stamp.updatedAt };
}

/** Features by camelCase key (entity and GraphQL shape) → by CSV name (events and validation). */
export function featuresByName(byKey: Readonly<Record<string, number | null | undefined>>): FeatureValues {
  const features: FeatureValues = {};
  for (const spec of FEATURES) features[spec.name] = byKey[spec.key] ?? null;
  return features;
}
