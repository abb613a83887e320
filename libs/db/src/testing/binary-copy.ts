/** A field of `binaryCopyOf`: a number as float8, a string as UTF-8 text, null as NULL. */
export type BinaryCopyField = string | number | null;

/**
 * What PostgreSQL sends for `COPY … TO STDOUT (FORMAT binary)` of these rows: the header, a tuple per row and the
 * trailer. For specs of a decoder, without a database.
 */
export function binaryCopyOf(rows: readonly (readonly BinaryCopyField[])[]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  const int = (bytes: 2 | 4, value: number) => {
    const buffer = Buffer.alloc(bytes);
    if (bytes === 2) buffer.writeInt16BE(value);
    else buffer.writeInt32BE(value);
    return buffer;
  };
  for (const row of rows) {
    parts.push(int(2, row.length));
    for (const value of row) {
      if (value === null) {
        parts.push(int(4, -1));
      } else if (typeof value === 'number') {
        const double = Buffer.alloc(8);
        double.writeDoubleBE(value);
        parts.push(int(4, 8), double);
      } else {
        parts.push(int(4, Buffer.byteLength(value)), Buffer.from(value));
      }
    }
  }
  parts.push(int(2, -1));
  return Buffer.concat(parts);
}
