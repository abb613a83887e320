import { instantMicros, newestPerKey } from '@seg/contracts';
import type { ConsumedRecord } from '@seg/kafka';
import { validateRawCustomerEvent, type FeatureWarning, type RawCustomerEvent } from '@seg/ml';
import type { IngestChunk } from '../ingest-customers/ingest-customers.command';
import { occurredAtProblem } from '../ingest-customers/occurred-at';

export interface ValidRawEvent {
  readonly event: RawCustomerEvent;
  readonly warnings: readonly FeatureWarning[];
}

/** A raw event that failed validation; its message becomes the DLQ reason. */
export class RawEventValidationError extends Error {
  constructor(reasons: readonly string[]) {
    super(reasons.join('; '));
    this.name = 'RawEventValidationError';
  }
}

/** Validates a raw event: throws (the record goes to the DLQ with every reason) or returns the event. */
export function validateRawEvent(value: unknown): ValidRawEvent {
  const result = validateRawCustomerEvent(value);
  if (!result.ok) throw new RawEventValidationError(result.errors.map((error) => error.reason));
  return { event: result.event, warnings: result.warnings };
}

/** The consumer's validator: `validateRawEvent`, and an occurredAt at most `maxAheadMs` ahead of the clock (`occurredAtProblem`). */
export function rawEventValidator(maxAheadMs: number, now: () => number = Date.now): (value: unknown) => ValidRawEvent {
  return (value) => {
    const valid = validateRawEvent(value);
    const problem = occurredAtProblem(valid.event.occurredAt, maxAheadMs, now());
    if (problem !== null) throw new RawEventValidationError([problem]);
    return valid;
  };
}

/**
 * A consumed batch (one partition, offset order) as one chunk. Several events of one customer in a batch keep
 * the one that occurred last (of two with the same occurredAt, the later offset): one upsert cannot hit a row
 * twice, and that is the state to keep. An event that comes after one that occurred later is stale.
 */
export function rawEventsToChunk(records: readonly ConsumedRecord<ValidRawEvent>[]): IngestChunk {
  const { newest: values, stale } = newestPerKey(
    records.map((record) => record.value),
    ({ event }) => event.customerId,
    (a, b) => instantMicros(a.event.occurredAt) - instantMicros(b.event.occurredAt),
  );
  return {
    read: records.length,
    accepted: values.map(({ event }) => ({ customerId: event.customerId, features: event.features, occurredAt: event.occurredAt })),
    stale,
    rejected: [],
    warnings: values.flatMap(({ event, warnings }) =>
      warnings.map((warning) => ({ line: null, customerId: event.customerId, column: warning.column, reason: warning.reason })),
    ),
  };
}
