import { binaryCopyOf } from '../testing/binary-copy';
import { BinaryCopyReader } from './binary-copy.reader';

/** Every tuple as the reader gives it back: text, or a double for the columns in `doubles`. */
function readAll(copy: Buffer, doubles: ReadonlySet<number>): (string | number | null)[][] {
  const reader = new BinaryCopyReader(copy);
  const rows: (string | number | null)[][] = [];
  for (let fields = reader.nextTuple(); fields !== -1; fields = reader.nextTuple()) {
    rows.push(Array.from({ length: fields }, (_, j) => (doubles.has(j) ? reader.float8() : reader.text())));
  }
  reader.end();
  return rows;
}

describe(BinaryCopyReader.name, () => {
  it('should read text as UTF-8 and doubles exactly, NULL as null and NaN, in the order sent', () => {
    const copy = binaryCopyOf([
      ['C1', 0.1 + 0.2, null, '2026-11-25 10:00:00+00'],
      ['Ç2€😀', 1e-300, -0, null],
    ]);

    expect(readAll(copy, new Set([1, 2]))).toEqual([
      ['C1', 0.1 + 0.2, Number.NaN, '2026-11-25 10:00:00+00'],
      ['Ç2€😀', 1e-300, -0, null],
    ]);
  });

  it('should read a COPY without rows as the trailer alone, and skip a header extension', () => {
    expect(readAll(binaryCopyOf([]), new Set())).toEqual([]);
    const copy = binaryCopyOf([['C1']]);
    const extended = Buffer.concat([copy.subarray(0, 15), Buffer.from([0, 0, 0, 3, 1, 2, 3]), copy.subarray(19)]);
    expect(readAll(extended, new Set())).toEqual([['C1']]);
  });

  it('should refuse what is not a binary COPY, a float8 field of another size and bytes after the trailer', () => {
    expect(() => new BinaryCopyReader(Buffer.from('C1\t1.5\n'))).toThrow('Not the result of a binary COPY');

    const text = new BinaryCopyReader(binaryCopyOf([['text']]));
    text.nextTuple();
    expect(() => text.float8()).toThrow('A field of 4 bytes at byte 21 of a binary COPY, not a float8');

    const copy = binaryCopyOf([['C1']]);
    expect(() => readAll(Buffer.concat([copy, Buffer.alloc(1)]), new Set())).toThrow(`A binary COPY ends at byte ${copy.length} of ${copy.length + 1}`);
  });
});
