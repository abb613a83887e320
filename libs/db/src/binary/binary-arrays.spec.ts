import { float8ArrayBinary, intArrayLiteral, textArrayBinary, toFloat8ArrayBinary } from './binary-arrays';

/** Reads a one-dimensional array as `array_recv` would: the header, then per element a length (-1: NULL) and its bytes. */
function decodeArray<T>(buffer: Buffer, element: (at: number, size: number) => T): { header: number[]; values: (T | null)[] } {
  const header = [0, 4, 8, 12, 16].map((offset) => buffer.readInt32BE(offset));
  const values: (T | null)[] = [];
  let offset = 20;
  for (let i = 0; i < header[3]; i++) {
    const size = buffer.readInt32BE(offset);
    offset += 4;
    values.push(size === -1 ? null : element(offset, size));
    if (size !== -1) offset += size;
  }
  expect(offset).toBe(buffer.length);
  return { header, values };
}

const doubles = (buffer: Buffer) =>
  decodeArray(buffer, (at, size) => {
    expect(size).toBe(8);
    return buffer.readDoubleBE(at);
  });
const texts = (buffer: Buffer) => decodeArray(buffer, (at, size) => buffer.toString('utf8', at, at + size));

describe(float8ArrayBinary.name, () => {
  it('should encode exact doubles with NaN as NULL when a column of a row-major matrix is asked for', () => {
    const matrix = Float64Array.from([0.1, 1, Number.NaN, 2, 1e-300, 3]);

    // ndim 1, has-nulls, float8's oid 701, length, lower bound 1.
    expect(doubles(float8ArrayBinary(matrix, 2, 0))).toEqual({ header: [1, 1, 701, 3, 1], values: [0.1, null, 1e-300] });
    expect(doubles(float8ArrayBinary(matrix, 2, 1))).toEqual({ header: [1, 0, 701, 3, 1], values: [1, 2, 3] });
  });

  it('should encode a whole array when no stride is given, and an empty one when there are no rows', () => {
    expect(doubles(float8ArrayBinary(Float64Array.from([-0, 5e300]))).values).toEqual([-0, 5e300]);
    expect(doubles(float8ArrayBinary(new Float64Array(0)))).toEqual({ header: [1, 0, 701, 0, 1], values: [] });
  });
});

describe(toFloat8ArrayBinary.name, () => {
  it('should encode numbers and nulls, a NaN staying a NaN, when every value is one of them', () => {
    expect(doubles(toFloat8ArrayBinary([0.1, -2]) as Buffer)).toEqual({ header: [1, 0, 701, 2, 1], values: [0.1, -2] });
    expect(doubles(toFloat8ArrayBinary([null, Number.NaN, 3]) as Buffer)).toEqual({ header: [1, 1, 701, 3, 1], values: [null, Number.NaN, 3] });
  });

  it('should give the same bytes as float8ArrayBinary for the same doubles', () => {
    expect(toFloat8ArrayBinary([1.5, null, 2])).toEqual(float8ArrayBinary(Float64Array.from([1.5, Number.NaN, 2])));
  });

  it('should return null when a value is neither a number nor null', () => {
    expect(toFloat8ArrayBinary([1, '2'])).toBeNull();
    expect(toFloat8ArrayBinary([undefined])).toBeNull();
  });
});

describe(textArrayBinary.name, () => {
  it('should carry every string byte for byte, multi-byte and quotes included, with null as NULL when values are mixed', () => {
    expect(texts(textArrayBinary(['C1', 'a"b\\c', 'NULL', null, 'é€😀', '']))).toEqual({
      header: [1, 1, 25, 6, 1],
      values: ['C1', 'a"b\\c', 'NULL', null, 'é€😀', ''],
    });
  });

  it('should encode an empty array without the null flag when there are no values', () => {
    expect(texts(textArrayBinary([]))).toEqual({ header: [1, 0, 25, 0, 1], values: [] });
  });
});

describe(intArrayLiteral.name, () => {
  it('should write an int[] literal, negative values and an empty array included', () => {
    expect(intArrayLiteral(Int32Array.from([0, 3, -1]))).toBe('{0,3,-1}');
    expect(intArrayLiteral(new Int32Array(0))).toBe('{}');
  });
});
