import { float8ArrayBinary, textArrayBinary } from './sql-arrays';

/** Reads what `array_recv` would: header, then a length-prefixed big-endian double per element (-1: NULL). */
function decodeFloat8Array(buffer: Buffer): { hasNull: number; oid: number; values: (number | null)[] } {
  const length = buffer.readInt32BE(12);
  const values: (number | null)[] = [];
  let offset = 20;
  for (let i = 0; i < length; i++) {
    const size = buffer.readInt32BE(offset);
    offset += 4;
    values.push(size === -1 ? null : buffer.readDoubleBE(offset));
    if (size !== -1) offset += size;
  }
  expect(offset).toBe(buffer.length);
  return { hasNull: buffer.readInt32BE(4), oid: buffer.readInt32BE(8), values };
}

describe(float8ArrayBinary.name, () => {
  it('should encode exact doubles with NaN as NULL when a column of a row-major matrix is asked for', () => {
    const matrix = Float64Array.from([0.1, 1, Number.NaN, 2, 1e-300, 3]);

    expect(decodeFloat8Array(float8ArrayBinary(matrix, 2, 0))).toEqual({ hasNull: 1, oid: 701, values: [0.1, null, 1e-300] });
    expect(decodeFloat8Array(float8ArrayBinary(matrix, 2, 1))).toEqual({ hasNull: 0, oid: 701, values: [1, 2, 3] });
  });

  it('should encode an empty array when there are no rows', () => {
    expect(decodeFloat8Array(float8ArrayBinary(new Float64Array(0))).values).toEqual([]);
  });
});

describe(textArrayBinary.name, () => {
  /** Reads what `array_recv` would for a text[]: header, then per element a length (-1: NULL) and its UTF-8 bytes. */
  const decodeTextArray = (buffer: Buffer) => {
    const values: (string | null)[] = [];
    let offset = 20;
    for (let i = 0; i < buffer.readInt32BE(12); i++) {
      const size = buffer.readInt32BE(offset);
      offset += 4;
      values.push(size === -1 ? null : buffer.toString('utf8', offset, offset + size));
      if (size !== -1) offset += size;
    }
    expect(offset).toBe(buffer.length);
    return { hasNull: buffer.readInt32BE(4), oid: buffer.readInt32BE(8), values };
  };

  it('should carry every string byte for byte, multi-byte and quotes included, with null as NULL when values are mixed', () => {
    expect(decodeTextArray(textArrayBinary(['C1', 'a"b\\c', 'NULL', null, 'é€😀', '']))).toEqual({
      hasNull: 1,
      oid: 25,
      values: ['C1', 'a"b\\c', 'NULL', null, 'é€😀', ''],
    });
  });

  it('should encode an empty array without the null flag when there are no values', () => {
    expect(decodeTextArray(textArrayBinary([]))).toEqual({ hasNull: 0, oid: 25, values: [] });
  });
});
