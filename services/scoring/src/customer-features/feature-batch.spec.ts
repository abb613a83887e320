import { FEATURE_NAMES } from '@seg/ml';
import { featureRowsToBatch, splitBatch, type FeatureBatch } from './feature-batch';

const batchOf = (n: number, cols = 2): FeatureBatch => ({
  customerIds: Array.from({ length: n }, (_, i) => `C${i}`),
  matrix: { rows: n, cols, data: Float64Array.from({ length: n * cols }, (_, i) => i) },
  updatedAt: Array.from({ length: n }, (_, i) => `t${i}`),
  occurredAt: Array.from({ length: n }, (_, i) => `o${i}`),
  currentSegments: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? `s${i}` : null)),
});

describe(splitBatch.name, () => {
  it('should cut a batch into consecutive runs of near-equal size that keep each row whole when it does not divide evenly', () => {
    const runs = splitBatch(batchOf(5), 2);

    expect(runs.map((run) => [run.customerIds, [...run.matrix.data], run.matrix.rows, run.updatedAt, run.occurredAt, run.currentSegments])).toEqual([
      [['C0', 'C1', 'C2'], [0, 1, 2, 3, 4, 5], 3, ['t0', 't1', 't2'], ['o0', 'o1', 'o2'], ['s0', null, 's2']],
      [['C3', 'C4'], [6, 7, 8, 9], 2, ['t3', 't4'], ['o3', 'o4'], [null, 's4']],
    ]);
  });

  it('should give fewer runs than asked, none empty, when the batch is smaller than the number of parts', () => {
    expect(splitBatch(batchOf(2), 4).map((run) => run.customerIds)).toEqual([['C0'], ['C1']]);
    expect(splitBatch(batchOf(0), 2)).toEqual([]);
    expect(splitBatch(batchOf(3), 1).map((run) => run.customerIds)).toEqual([['C0', 'C1', 'C2']]);
  });
});

describe(featureRowsToBatch.name, () => {
  it('should read the id and the features in schema order with null as NaN', () => {
    const features = (base: number) => FEATURE_NAMES.map((_, j) => (j === 1 ? null : base + j));
    const batch = featureRowsToBatch([
      ['C1', ...features(0)],
      ['C2', ...features(100)],
    ]);

    expect([batch.customerIds, batch.matrix.rows, batch.matrix.data[0], batch.matrix.data[1], batch.matrix.data[FEATURE_NAMES.length]]).toEqual([['C1', 'C2'], 2, 0, Number.NaN, 100]);
  });
});
