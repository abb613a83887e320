import { binaryCopyOf } from '@seg/db/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { featurePageFromCopy } from './feature-page.copy';

const features = (base: number) => FEATURE_NAMES.map((_, j) => (j === 1 ? null : base + j + 0.1));

describe(featurePageFromCopy.name, () => {
  it("should read each customer's id, exact features (NULL as NaN), version and current segment, in the order sent", () => {
    const page = featurePageFromCopy(
      binaryCopyOf([
        ['C1', ...features(0), '2026-11-25 10:00:00+00', '2026-01-31 12:00:00+00', 'revolvers'],
        ['Ç2€', ...features(1e-300), '2026-11-25 11:00:00.5+00', '2026-01-31 12:00:00.000001+00', null],
      ]),
    );

    expect([...page.matrix.data]).toEqual([...features(0), ...features(1e-300)].map((value) => value ?? Number.NaN));
    expect([page.customerIds, page.matrix.rows, page.matrix.cols, page.updatedAt, page.occurredAt, page.currentSegments]).toEqual([
      ['C1', 'Ç2€'],
      2,
      FEATURE_NAMES.length,
      ['2026-11-25 10:00:00+00', '2026-11-25 11:00:00.5+00'],
      ['2026-01-31 12:00:00+00', '2026-01-31 12:00:00.000001+00'],
      ['revolvers', null],
    ]);
  });

  it('should grow the matrix past its first allocation and read an empty page as no rows', () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => [`C${i}`, ...features(i), '2026-11-25 10:00:00+00', '2026-11-25 09:00:00+00', 'transactors']);
    const page = featurePageFromCopy(binaryCopyOf(rows));

    expect([page.matrix.rows, page.matrix.data.length, page.customerIds[2_499], page.matrix.data[2_499 * FEATURE_NAMES.length]]).toEqual([
      2_500,
      2_500 * FEATURE_NAMES.length,
      'C2499',
      2_499.1,
    ]);
    expect(featurePageFromCopy(binaryCopyOf([])).customerIds).toEqual([]);
  });

  it('should refuse what is not a binary COPY, a row of another shape, a feature that is not a float8 and bytes after the trailer', () => {
    const row = ['C1', ...features(0), '2026-11-25 10:00:00+00', '2026-11-25 09:00:00+00', null];

    expect(() => featurePageFromCopy(Buffer.from('C1\t1.5\n'))).toThrow('Not the result of a binary COPY');
    expect(() => featurePageFromCopy(binaryCopyOf([row.slice(0, -1)]))).toThrow(`Row 0 of a feature page has ${FEATURE_NAMES.length + 3} fields, not ${FEATURE_NAMES.length + 4}`);
    expect(() => featurePageFromCopy(binaryCopyOf([['C1', 'text', ...row.slice(2)]]))).toThrow('A field of 4 bytes at byte 27 of a binary COPY, not a float8');
    const copy = binaryCopyOf([row]);
    expect(() => featurePageFromCopy(Buffer.concat([copy, Buffer.alloc(1)]))).toThrow(`A binary COPY ends at byte ${copy.length} of ${copy.length + 1}`);
  });
});
