import { z } from 'zod';

/** Longest reason an erasure records: a ticket reference and a sentence, not a document. */
export const MAX_ERASURE_REASON_LENGTH = 500;

/**
 * The value of a `customers.erased.v1` record (key: the customer id): the customer was erased on request and every
 * service deletes what it holds of them, for good (docs/decisions/0020-erasure-and-export.md). Sent by ingestion in
 * the transaction that deleted its rows, together with a tombstone on `customers.features.v1`.
 */
export const customerErasedEventSchema = z.object({
  customerId: z.string().min(1),
  reason: z.string().trim().min(1).max(MAX_ERASURE_REASON_LENGTH),
  /** ISO-8601 instant of the erasure. */
  erasedAt: z.string().datetime({ offset: true }),
  /** Who asked (the admin's subject). */
  erasedBy: z.string().min(1),
});

export interface CustomerErasedEvent {
  readonly customerId: string;
  readonly reason: string;
  readonly erasedAt: string;
  readonly erasedBy: string;
}

/** Validates a consumed `customers.erased.v1` value; throws (→ DLQ) when it is not one. */
export function parseCustomerErasedEvent(value: unknown): CustomerErasedEvent {
  return customerErasedEventSchema.parse(value);
}
