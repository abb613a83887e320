import { FEATURE_NAMES, isIsoInstant } from '@seg/ml';
import { z } from 'zod';

/** Where a customer's features came from. */
export const INGEST_SOURCES = ['csv', 'kafka'] as const;
export type IngestSource = (typeof INGEST_SOURCES)[number];

const featureValues = z
  .object(Object.fromEntries(FEATURE_NAMES.map((name) => [name, z.number().finite().nullable()])))
  .strict();

/** How the event's instants are written: ISO-8601 with `Z` or an offset (zod's `datetime` options, also compiled once by the validator). */
export const EVENT_INSTANT = { offset: true } as const;

/** Also one PostgreSQL stores as it is: zod's pattern takes year 0 and offsets it refuses, which would fail a consumer's whole batch. */
const STORABLE_INSTANT = { message: 'must be an ISO-8601 instant PostgreSQL can store (years 1 to 9999, offset within ±15:59, at most 9 decimals)' };

const eventInstant = () => z.string().datetime(EVENT_INSTANT).refine(isIsoInstant, STORABLE_INSTANT);

/**
 * The value of a `customers.features.v1` record (key: the customer id): the customer's validated
 * features after a change, by CSV name, `null` for a missing value. The topic is compacted, so the latest
 * record per customer is the customer's current state. A consumer keeps the newest state by
 * `compareFeatureStates` (occurredAt, then updatedAt), never simply the last record it read.
 */
export const customerFeaturesEventSchema = z.object({
  customerId: z.string().min(1),
  features: featureValues,
  source: z.enum(INGEST_SOURCES),
  /** The ingest batch that wrote this state. */
  batchId: z.string().uuid(),
  /** ISO-8601 instant of the database write. */
  updatedAt: eventInstant(),
  /**
   * ISO-8601 instant the source gave this state (a raw event's `occurredAt`, a CSV upload's time). Optional: records
   * written before it existed lack it, and their `updatedAt` stands for it (`featuresEventTime`).
   */
  occurredAt: eventInstant().optional(),
});

export interface CustomerFeaturesEvent {
  readonly customerId: string;
  readonly features: Readonly<Record<string, number | null>>;
  readonly source: IngestSource;
  readonly batchId: string;
  readonly updatedAt: string;
  readonly occurredAt?: string;
}

/** Validates a consumed `customers.features.v1` value; throws (→ DLQ) when it is not one. */
export function parseCustomerFeaturesEvent(value: unknown): CustomerFeaturesEvent {
  return customerFeaturesEventSchema.parse(value);
}

/** The source's time of the state: `occurredAt`, or for a record from before that field its write time. */
export function featuresEventTime(event: Pick<CustomerFeaturesEvent, 'occurredAt' | 'updatedAt'>): string {
  return event.occurredAt ?? event.updatedAt;
}
