import { compareFeatureStates, FEATURE_COLUMNS, featuresEventTime, newestPerKey, type CustomerFeaturesEvent } from '@seg/contracts';
import { FEATURE_NAMES, type Matrix } from '@seg/ml';

export const CUSTOMER_FEATURE_COLUMNS: readonly string[] = ['customer_id', ...FEATURE_COLUMNS, 'occurred_at', 'updated_at'];

/** The version of a stored state, compared as a row: the source's time, then ingestion's write. */
export const VERSION_COLUMNS: readonly string[] = ['occurred_at', 'updated_at'];

export type CustomerFeatureRow = Record<string, string | number | Date | null>;

/**
 * The newest state per customer of a batch of events (`compareFeatureStates`, not the last read), as rows: a
 * compacted topic can still hold several records of one customer before compaction, a replay can put an older one
 * last, and one upsert statement may not touch a key twice. The times stay ISO text, so PostgreSQL keeps their microseconds.
 */
export function latestFeatureRows(events: readonly CustomerFeaturesEvent[]): CustomerFeatureRow[] {
  return newestPerKey(events, (event) => event.customerId, compareFeatureStates).newest.map((event) => {
    const row: CustomerFeatureRow = { customer_id: event.customerId };
    FEATURE_NAMES.forEach((name, j) => (row[FEATURE_COLUMNS[j]] = event.features[name] ?? null));
    row.occurred_at = featuresEventTime(event);
    row.updated_at = event.updatedAt;
    return row;
  });
}

/** The raw training matrix (schema order, NaN = missing) from rows of `customer_features`. */
export function rowsToMatrix(rows: readonly Record<string, unknown>[]): { matrix: Matrix; customerIds: string[] } {
  const cols = FEATURE_COLUMNS.length;
  const data = new Float64Array(rows.length * cols);
  const customerIds = rows.map((row, i) => {
    for (let j = 0; j < cols; j++) {
      const value = row[FEATURE_COLUMNS[j]];
      data[i * cols + j] = value === null || value === undefined ? Number.NaN : Number(value);
    }
    return String(row.customer_id);
  });
  return { matrix: { rows: rows.length, cols, data }, customerIds };
}
