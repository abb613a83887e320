import { instantMicros } from '@seg/contracts';
import { isIsoInstant } from '@seg/ml';

/**
 * Why `occurredAt` cannot date a customer's state, or null: it must be an ISO-8601 instant with a zone that PostgreSQL
 * stores, and at most `maxAheadMs` ahead of `nowMs`. The newest state wins by this time, so an event dated next year
 * would make every real update of the customer until then stale.
 */
export function occurredAtProblem(occurredAt: string, maxAheadMs: number, nowMs: number): string | null {
  if (!isIsoInstant(occurredAt))
    return `occurredAt: not an ISO-8601 instant with a time zone, e.g. 2026-01-31T12:00:00Z (${JSON.stringify(occurredAt)})`;
  const aheadMs = instantMicros(occurredAt) / 1_000 - nowMs;
  if (aheadMs > maxAheadMs)
    return `occurredAt: ${occurredAt} is ${Math.ceil(aheadMs / 1_000)} s ahead of this service's clock (at most ${maxAheadMs / 1_000} s: INGESTION_MAX_FUTURE_MS)`;
  return null;
}
