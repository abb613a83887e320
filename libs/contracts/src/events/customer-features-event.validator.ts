import { datetimeRegex } from 'zod';
import {
  customerFeaturesEventSchema,
  EVENT_INSTANT,
  INGEST_SOURCES,
  parseCustomerFeaturesEvent,
  type CustomerFeaturesEvent,
  type IngestSource,
} from './customer-features.event';
import { FEATURE_NAMES, isIsoInstant } from '@seg/ml';

const FEATURES = new Set(FEATURE_NAMES);
const SOURCES: ReadonlySet<unknown> = new Set(INGEST_SOURCES);
const { batchId: batchIdSchema, updatedAt: updatedAtSchema } = customerFeaturesEventSchema.shape;
// The contract's own checks of occurredAt (zod's pattern, compiled once, and the refinement): raw events each carry
// their own time, so the check-only-when-it-changes shortcut of updatedAt would not save zod's per-call compilation.
const OCCURRED_AT_PATTERN = datetimeRegex({ ...EVENT_INSTANT, precision: null, local: false });

/** Exactly the feature names, each a finite number or null (the contract's strict object). */
function wellFormedFeatures(features: unknown): features is Readonly<Record<string, number | null>> {
  if (typeof features !== 'object' || features === null || Array.isArray(features)) return false;
  let count = 0;
  for (const name in features) {
    if (!FEATURES.has(name)) return false;
    const value = (features as Record<string, unknown>)[name];
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) return false;
    count++;
  }
  return count === FEATURES.size;
}

/**
 * `parseCustomerFeaturesEvent` for the hot path of the features consumers (scoring, training). zod costs ~25 µs per event (it
 * copies the object and its 17 features, and compiles its datetime regex on every call); this accepts only
 * what the contract accepts, checks the uuid and the write's time stamp with the contract's own schemas, but only
 * when they differ from the previous event's (an ingest batch shares both), the source's time with the contract's
 * pattern compiled once, and hands anything it does not
 * accept at once to the contract's parser, so an invalid event is rejected with the contract's reason (→ DLQ).
 * One validator per consumer: it remembers the last values it checked.
 */
export function createFeaturesEventValidator(): (value: unknown) => CustomerFeaturesEvent {
  let checkedBatchId: string | null = null;
  let checkedUpdatedAt: string | null = null;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return parseCustomerFeaturesEvent(value);
    const { customerId, features, source, batchId, updatedAt, occurredAt } = value as Record<string, unknown>;
    if (
      typeof customerId !== 'string' ||
      customerId.length === 0 ||
      !SOURCES.has(source) ||
      typeof batchId !== 'string' ||
      typeof updatedAt !== 'string' ||
      (occurredAt !== undefined && (typeof occurredAt !== 'string' || !OCCURRED_AT_PATTERN.test(occurredAt) || !isIsoInstant(occurredAt))) ||
      !wellFormedFeatures(features)
    ) {
      return parseCustomerFeaturesEvent(value);
    }
    if (batchId !== checkedBatchId) {
      if (!batchIdSchema.safeParse(batchId).success) return parseCustomerFeaturesEvent(value);
      checkedBatchId = batchId;
    }
    if (updatedAt !== checkedUpdatedAt) {
      if (!updatedAtSchema.safeParse(updatedAt).success) return parseCustomerFeaturesEvent(value);
      checkedUpdatedAt = updatedAt;
    }
    // Unknown top-level fields are dropped, as the contract's (non-strict) object does.
    return occurredAt === undefined
      ? { customerId, features, source: source as IngestSource, batchId, updatedAt }
      : { customerId, features, source: source as IngestSource, batchId, updatedAt, occurredAt: occurredAt as string };
  };
}
