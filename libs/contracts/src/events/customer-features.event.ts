import { FEATURE_NAMES } from '@seg/ml';
import { z } from 'zod';

/** Where a customer's features came from. */
export const INGEST_SOURCES = ['csv', 'kafka'] as const;
export type IngestSource = (typeof INGEST_SOURCES)[number];

const featureValues = z
  .object(Object.fromEntries(FEATURE_NAMES.map((name) => [name, z.number().finite().nullable()])))
  .strict();

/**
 * The value of a `customers.features.v1` record (key: the customer id): the customer's validated
 * features after a change, by CSV name, `null` for a missing value. The topic is compacted, so the latest
 * record per customer is the customer's current state.
 */
export const customerFeaturesEventSchema = z.object({
  customerId: z.string().min(1),
  features: featureValues,
  source: z.enum(INGEST_SOURCES),
  /** The ingest batch that wrote this state. */
  batchId: z.string().uuid(),
  /** ISO-8601 instant of the database write. */
  updatedAt: z.string().datetime({ offset: true }),
});

export interface CustomerFeaturesEvent {
  readonly customerId: string;
  readonly features: Readonly<Record<string, number | null>>;
  readonly source: IngestSource;
  readonly batchId: string;
  readonly updatedAt: string;
}

/** Validates a consumed `customers.features.v1` value; throws (→ DLQ) when it is not one. */
export function parseCustomerFeaturesEvent(value: unknown): CustomerFeaturesEvent {
  return customerFeaturesEventSchema.parse(value);
}
