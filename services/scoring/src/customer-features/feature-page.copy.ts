import { FEATURE_NAMES } from '@seg/ml';
import type { FeatureBatch } from './feature-batch';

/** What every `COPY … TO STDOUT (FORMAT binary)` result starts with. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags, length of the header extension. */
const HEADER_BYTES = SIGNATURE.length + 8;
/** customer_id, the 17 features (float8), updated_at and occurred_at as text, segment_id. */
const FIELDS = FEATURE_NAMES.length + 4;

/**
 * A re-score page from the bytes of a binary COPY of (customer_id, the features in schema order as float8,
 * updated_at::text, occurred_at::text, segment_id), in the order the rows came: each double read as PostgreSQL stores
 * it, NULL as NaN (a missing feature), four strings per customer and no other object. Refuses a tuple of another shape, so a
 * changed query fails loudly instead of filling the matrix with garbage.
 */
export function featurePageFromCopy(copy: Buffer): FeatureBatch {
  if (copy.length < HEADER_BYTES || !copy.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('Not the result of a binary COPY');
  // A DataView reads big-endian numbers in place, several times faster than Buffer's readDoubleBE.
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const cols = FEATURE_NAMES.length;
  const customerIds: string[] = [];
  const updatedAt: string[] = [];
  const occurredAt: string[] = [];
  const currentSegments: (string | null)[] = [];
  let data = new Float64Array(1024 * cols);
  let offset = HEADER_BYTES + view.getInt32(SIGNATURE.length + 4);
  const text = (): string | null => {
    const length = view.getInt32(offset);
    offset += 4;
    if (length === -1) return null;
    offset += length;
    return copy.toString('utf8', offset - length, offset);
  };
  for (let row = 0; ; row++) {
    const fields = view.getInt16(offset);
    offset += 2;
    if (fields === -1) break;
    if (fields !== FIELDS) throw new Error(`Row ${row} of a feature page has ${fields} fields, not ${FIELDS}`);
    if ((row + 1) * cols > data.length) {
      const grown = new Float64Array(data.length * 2);
      grown.set(data);
      data = grown;
    }
    customerIds.push(text() as string);
    for (let j = row * cols; j < (row + 1) * cols; j++) {
      const length = view.getInt32(offset);
      offset += 4;
      if (length === 8) {
        data[j] = view.getFloat64(offset);
        offset += 8;
      } else if (length === -1) {
        data[j] = Number.NaN;
      } else {
        throw new Error(`Row ${row} of a feature page has a feature of ${length} bytes, not a float8`);
      }
    }
    updatedAt.push(text() as string);
    occurredAt.push(text() as string);
    currentSegments.push(text());
  }
  if (offset !== copy.length) throw new Error(`A feature page ends at byte ${offset} of ${copy.length}`);
  const rows = customerIds.length;
  return { customerIds, matrix: { rows, cols, data: data.subarray(0, rows * cols) }, updatedAt, occurredAt, currentSegments };
}
