import { featuresEventTime, type CustomerFeaturesEvent } from './customer-features.event';

const FRACTION = /\.(\d+)/;

/**
 * Microseconds since the epoch of a valid ISO-8601 instant (with `Z` or an offset), rounded to the microsecond as
 * PostgreSQL's timestamptz keeps it, so node and the database order two instants alike: `Date.parse` alone keeps
 * milliseconds, and two events 0.4 ms apart would tie in node but not in the database.
 */
export function instantMicros(instant: string): number {
  const fraction = FRACTION.exec(instant);
  if (fraction === null) return Date.parse(instant) * 1_000;
  const whole = Date.parse(instant.slice(0, fraction.index) + instant.slice(fraction.index + fraction[0].length));
  return whole * 1_000 + Math.round(Number(`0.${fraction[1]}`) * 1_000_000);
}

/**
 * The order of two states of one customer on `customers.features.v1`: by the source's time (`featuresEventTime`),
 * then by ingestion's write (`updatedAt`), which decides between states the source dated alike. Negative when `a`
 * is older, 0 for the same state version.
 */
export function compareFeatureStates(a: CustomerFeaturesEvent, b: CustomerFeaturesEvent): number {
  return (
    instantMicros(featuresEventTime(a)) - instantMicros(featuresEventTime(b)) || instantMicros(a.updatedAt) - instantMicros(b.updatedAt)
  );
}

export interface NewestPerKey<T> {
  /** One item per key, the newest; of equal ones, the later in `items`. */
  readonly newest: T[];
  /** Items that came after a newer item of their key: skipped, not superseded. */
  readonly stale: number;
}

/**
 * The newest item per key of a batch in arrival order (`compare` < 0: older). An item older than one seen before
 * for its key is stale; an older one seen before is superseded by the newer (that is arrival in order, not stale).
 */
export function newestPerKey<T>(items: readonly T[], keyOf: (item: T) => string, compare: (a: T, b: T) => number): NewestPerKey<T> {
  const newest = new Map<string, T>();
  let stale = 0;
  for (const item of items) {
    const key = keyOf(item);
    const kept = newest.get(key);
    if (kept !== undefined && compare(item, kept) < 0) stale++;
    else newest.set(key, item);
  }
  return { newest: [...newest.values()], stale };
}
