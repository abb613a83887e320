import { BinaryCopyReader } from '@seg/db';
import { FEATURE_NAMES } from '@seg/ml';
import type { FeatureBatch } from './feature-batch';

/** customer_id, the 17 features (float8), updated_at and occurred_at as text, segment_id. */
const FIELDS = FEATURE_NAMES.length + 4;

/**
 * A re-score page from the bytes of a binary COPY of (customer_id, the features in schema order as float8,
 * updated_at::text, occurred_at::text, segment_id), in the order the rows came: each double read as PostgreSQL stores
 * it, NULL as NaN (a missing feature), four strings per customer and no other object. Refuses a tuple of another shape, so a
 * changed query fails loudly instead of filling the matrix with garbage.
 */
export function featurePageFromCopy(copy: Buffer): FeatureBatch {
  const reader = new BinaryCopyReader(copy);
  const cols = FEATURE_NAMES.length;
  const customerIds: string[] = [];
  const updatedAt: string[] = [];
  const occurredAt: string[] = [];
  const currentSegments: (string | null)[] = [];
  let data = new Float64Array(1024 * cols);
  for (let row = 0; ; row++) {
    const fields = reader.nextTuple();
    if (fields === -1) break;
    if (fields !== FIELDS) throw new Error(`Row ${row} of a feature page has ${fields} fields, not ${FIELDS}`);
    if ((row + 1) * cols > data.length) {
      const grown = new Float64Array(data.length * 2);
      grown.set(data);
      data = grown;
    }
    customerIds.push(reader.text() as string);
    for (let j = row * cols; j < (row + 1) * cols; j++) data[j] = reader.float8();
    updatedAt.push(reader.text() as string);
    occurredAt.push(reader.text() as string);
    currentSegments.push(reader.text());
  }
  reader.end();
  const rows = customerIds.length;
  return { customerIds, matrix: { rows, cols, data: data.subarray(0, rows * cols) }, updatedAt, occurredAt, currentSegments };
}
