/**
 * Array parameters built straight from typed arrays: a bulk statement binds one
 * array per column (unnest), so no per-row object or per-value conversion call is made.
 */

const FLOAT8_OID = 701;
const TEXT_OID = 25;
const ARRAY_HEADER_BYTES = 20;

/**
 * A `$n::float8[]` parameter in PostgreSQL's binary array format (what `array_recv` reads; pg binds a Buffer
 * in binary): no number → text → number round trip on either side, the exact double arrives. NaN is NULL
 * (a missing feature). Column `col` of a row-major matrix when `stride` > 1.
 */
export function float8ArrayBinary(values: Float64Array, stride = 1, col = 0, rows = values.length / stride): Buffer {
  let nulls = 0;
  for (let i = 0; i < rows; i++) if (values[i * stride + col] !== values[i * stride + col]) nulls++;
  const buffer = Buffer.allocUnsafe(ARRAY_HEADER_BYTES + rows * 12 - nulls * 8);
  buffer.writeInt32BE(1, 0); // dimensions
  buffer.writeInt32BE(nulls > 0 ? 1 : 0, 4);
  buffer.writeInt32BE(FLOAT8_OID, 8);
  buffer.writeInt32BE(rows, 12);
  buffer.writeInt32BE(1, 16); // lower bound
  let offset = ARRAY_HEADER_BYTES;
  for (let i = 0; i < rows; i++) {
    const value = values[i * stride + col];
    if (value !== value) offset = buffer.writeInt32BE(-1, offset);
    else offset = buffer.writeDoubleBE(value, buffer.writeInt32BE(8, offset));
  }
  return buffer;
}

/**
 * A `$n::text[]` parameter in PostgreSQL's binary array format: each string's UTF-8 bytes behind its length, so
 * no quoting or escaping on the way in and no array literal parse on the way down (a batch's ids: ~3 µs each as
 * a literal). null is NULL. The statement must cast the parameter to `text[]` (array_recv checks the element type).
 */
export function textArrayBinary(values: readonly (string | null)[]): Buffer {
  let bytes = ARRAY_HEADER_BYTES;
  let nulls = 0;
  for (const value of values) {
    if (value === null) nulls++;
    else bytes += 4 + Buffer.byteLength(value, 'utf8');
  }
  bytes += nulls * 4;
  const buffer = Buffer.allocUnsafe(bytes);
  buffer.writeInt32BE(1, 0); // dimensions
  buffer.writeInt32BE(nulls > 0 ? 1 : 0, 4);
  buffer.writeInt32BE(TEXT_OID, 8);
  buffer.writeInt32BE(values.length, 12);
  buffer.writeInt32BE(1, 16); // lower bound
  let offset = ARRAY_HEADER_BYTES;
  for (const value of values) {
    if (value === null) {
      offset = buffer.writeInt32BE(-1, offset);
    } else {
      const written = buffer.write(value, offset + 4, 'utf8');
      buffer.writeInt32BE(written, offset);
      offset += 4 + written;
    }
  }
  return buffer;
}

/** `{0,3,1}` for `$n::int[]`. */
export function intArrayLiteral(values: Int32Array): string {
  return `{${values.join(',')}}`;
}
