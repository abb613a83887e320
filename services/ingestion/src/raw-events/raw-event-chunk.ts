import type { ConsumedRecord } from '@seg/kafka';
import { validateRawCustomerEvent, type FeatureWarning, type RawCustomerEvent } from '@seg/ml';
import type { IngestChunk } from '../ingest-customers/ingest-customers.command';

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

/** The consumer's validator: throws (the record goes to the DLQ with every reason) or returns the event. */
export function validateRawEvent(value: unknown): ValidRawEvent {
  const result = validateRawCustomerEvent(value);
  if (!result.ok) throw new RawEventValidationError(result.errors.map((error) => error.reason));
  return { event: result.event, warnings: result.warnings };
}

/**
 * A consumed batch (one partition, offset order) as one chunk. Several events of one customer in a batch
 * keep the latest only: one upsert cannot hit a row twice, and the latest is the state to keep.
 */
export function rawEventsToChunk(records: readonly ConsumedRecord<ValidRawEvent>[]): IngestChunk {
  const latest = new Map<string, ValidRawEvent>();
  for (const record of records) {
    latest.delete(record.value.event.customerId);
    latest.set(record.value.event.customerId, record.value);
  }
  const values = [...latest.values()];
  return {
    read: records.length,
    accepted: values.map(({ event }) => ({ customerId: event.customerId, features: event.features })),
    rejected: [],
    warnings: values.flatMap(({ event, warnings }) =>
      warnings.map((warning) => ({ line: null, customerId: event.customerId, column: warning.column, reason: warning.reason })),
    ),
  };
}
