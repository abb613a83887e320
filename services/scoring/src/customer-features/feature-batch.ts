import { compareFeatureStates, featuresEventTime, newestPerKey, type CustomerFeaturesEvent } from '@seg/contracts';
import { FEATURE_NAMES, type Matrix } from '@seg/ml';

/** Customers and their raw features as the model reads them: one row per customer id, schema order, NaN = missing. */
export interface FeatureBatch {
  readonly customerIds: readonly string[];
  readonly matrix: Matrix;
  /** The instants of the ingestion writes, per row (ISO-8601 from events, PostgreSQL's text when read back); empty when not known. */
  readonly updatedAt: readonly string[];
  /**
   * The source's times of the states, per row, in the same forms (`featuresEventTime`); empty when not known. With
   * `updatedAt`, the version of the features: an older state never replaces a newer one (`compareFeatureStates`).
   */
  readonly occurredAt: readonly string[];
  /**
   * The segment each customer was assigned when the features were read (null: none), read along with them by a
   * re-score page; absent for feature events, whose customers' segments the assignments statement looks up.
   */
  readonly currentSegments?: readonly (string | null)[];
}

/**
 * The newest state per customer of a batch of events (`compareFeatureStates`, not the last read), in customer id
 * order: a compacted topic can still hold several records of one customer, a replay can put an older one last,
 * one upsert may not touch a key twice, and every writer locking rows in the same order cannot deadlock another.
 */
export function latestFeatureBatch(events: readonly CustomerFeaturesEvent[]): FeatureBatch {
  const { newest } = newestPerKey(events, (event) => event.customerId, compareFeatureStates);
  const ordered = newest.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  const cols = FEATURE_NAMES.length;
  const data = new Float64Array(ordered.length * cols);
  ordered.forEach((event, i) => {
    for (let j = 0; j < cols; j++) {
      const value = event.features[FEATURE_NAMES[j]];
      data[i * cols + j] = value === null || value === undefined ? Number.NaN : value;
    }
  });
  return {
    customerIds: ordered.map((event) => event.customerId),
    matrix: { rows: ordered.length, cols, data },
    updatedAt: ordered.map((event) => event.updatedAt),
    occurredAt: ordered.map(featuresEventTime),
  };
}

/** The rows of `batch` whose customer id is in `keep`, in the same order. */
export function selectCustomers(batch: FeatureBatch, keep: ReadonlySet<string>): FeatureBatch {
  const cols = batch.matrix.cols;
  const indices = batch.customerIds.flatMap((id, i) => (keep.has(id) ? [i] : []));
  const data = new Float64Array(indices.length * cols);
  indices.forEach((from, to) => data.set(batch.matrix.data.subarray(from * cols, (from + 1) * cols), to * cols));
  return {
    customerIds: indices.map((i) => batch.customerIds[i]),
    matrix: { rows: indices.length, cols, data },
    updatedAt: batch.updatedAt.length === 0 ? [] : indices.map((i) => batch.updatedAt[i]),
    occurredAt: batch.occurredAt.length === 0 ? [] : indices.map((i) => batch.occurredAt[i]),
  };
}

/** `batch` in at most `parts` runs of consecutive rows of near-equal size, in order; the matrices are views, not copies. */
export function splitBatch(batch: FeatureBatch, parts: number): FeatureBatch[] {
  const { rows, cols, data } = batch.matrix;
  const size = Math.ceil(rows / Math.max(1, parts));
  const runs: FeatureBatch[] = [];
  for (let start = 0; start < rows; start += size) {
    const end = Math.min(rows, start + size);
    runs.push({
      customerIds: batch.customerIds.slice(start, end),
      matrix: { rows: end - start, cols, data: data.subarray(start * cols, end * cols) },
      updatedAt: batch.updatedAt.slice(start, end),
      occurredAt: batch.occurredAt.slice(start, end),
      currentSegments: batch.currentSegments?.slice(start, end),
    });
  }
  return runs;
}

/** Rows of a customer id and its 17 features in schema order (null as missing), as a batch without time stamps. */
export function featureRowsToBatch(rows: readonly (readonly [string, ...(number | null)[]])[]): FeatureBatch {
  const cols = FEATURE_NAMES.length;
  const data = new Float64Array(rows.length * cols);
  const customerIds = rows.map(([customerId, ...features], i) => {
    for (let j = 0; j < cols; j++) data[i * cols + j] = features[j] ?? Number.NaN;
    return customerId;
  });
  return { customerIds, matrix: { rows: rows.length, cols, data }, updatedAt: [], occurredAt: [] };
}
