import { FEATURE_NAMES } from '../features/feature-schema';
import { createMatrix, selectRows } from '../matrix';
import type { FitResult } from '../model/fit-segmentation-model';
import { transformRaw } from '../preprocessing/preprocessor';
import { fitTestModel, syntheticTrainingData } from '../testing';
import { BinCounts } from './bin-counts';
import { compileDriftModel, type DriftModel } from './drift-model';
import { countRows, observeRows } from './observe-rows';
import { ShadowKMeans } from './shadow-kmeans';

describe(countRows.name, () => {
  let fit: FitResult;
  let model: DriftModel;
  const training = syntheticTrainingData();
  beforeAll(async () => {
    fit = await fitTestModel();
    model = compileDriftModel(fit.bundle);
  });

  it('should give back the reference shares exactly when counting the training rows', () => {
    const counts = BinCounts.of(model);
    countRows(model, training.matrix, counts);
    expect(counts.total).toBe(training.matrix.rows);
    expect(Array.from(counts.counts, (c) => c / counts.total)).toEqual(fit.bundle.reference?.features.flatMap((f) => f.shares));
  });

  it('should count a missing value in the bin of the value the model imputes', () => {
    const j = FEATURE_NAMES.indexOf('MINIMUM_PAYMENTS');
    const fillValue = fit.bundle.preprocessor.imputer.values[fit.bundle.preprocessor.featureNames.indexOf('MINIMUM_PAYMENTS')];
    const missing = selectRows(training.matrix, [0]);
    missing.data[j] = Number.NaN;
    const filled = selectRows(training.matrix, [0]);
    filled.data[j] = fillValue;
    const [a, b] = [BinCounts.of(model), BinCounts.of(model)];
    countRows(model, missing, a);
    countRows(model, filled, b);
    expect(a.counts).toEqual(b.counts);
  });

  it('should take rows out again with weight −1, leaving the others', () => {
    const counts = BinCounts.of(model);
    countRows(model, training.matrix, counts);
    const before = counts.copy();
    const some = selectRows(training.matrix, [3, 5, 8]);
    countRows(model, some, counts, -1);
    expect(counts.total).toBe(training.matrix.rows - 3);
    const taken = BinCounts.of(model);
    countRows(model, some, taken);
    expect(counts.add(taken).counts).toEqual(before.counts);
    countRows(model, training.matrix, counts, -1);
    expect(counts.total).toBe(0);
    expect(counts.counts.every((c) => c === 0)).toBe(true);
  });

  it('should add and subtract blocks as a window of blocks needs', () => {
    const [first, second, both] = [BinCounts.of(model), BinCounts.of(model), BinCounts.of(model)];
    countRows(model, selectRows(training.matrix, [0, 1, 2]), first);
    countRows(model, selectRows(training.matrix, [3, 4]), second);
    countRows(model, selectRows(training.matrix, [0, 1, 2, 3, 4]), both);
    expect(first.copy().add(second).counts).toEqual(both.counts);
    expect(both.copy().add(first, -1).counts).toEqual(second.counts);
    expect(both.copy().add(first, -1).total).toBe(2);
    expect(() => first.add(new BinCounts(3))).toThrow(`cannot add 3 bins to ${first.binCount}`);
  });

  it('should refuse rows or counts of another shape', () => {
    expect(() => countRows(model, createMatrix(1, 16), BinCounts.of(model))).toThrow('raw feature matrix has 16 columns, expected the 17 of the feature schema');
    expect(() => countRows(model, training.matrix, new BinCounts(5))).toThrow(`counts of 5 bins, the model has ${model.binStart[model.d]}`);
  });
});

describe(observeRows.name, () => {
  it('should count and feed the shadow the very rows the bundle transforms, in one pass', async () => {
    const { bundle } = await fitTestModel({ rows: 400, seed: 3 });
    const model = compileDriftModel(bundle);
    const raw = syntheticTrainingData(300, 4).matrix;
    const [observed, counted] = [BinCounts.of(model), BinCounts.of(model)];
    const [oneByOne, inPass] = [new ShadowKMeans(model, 50), new ShadowKMeans(model, 50)];
    observeRows(model, raw, observed, inPass);
    countRows(model, raw, counted);
    const scaled = transformRaw(raw, bundle.preprocessor);
    for (let i = 0; i < scaled.rows; i++) oneByOne.update(scaled.data, i * scaled.cols);
    expect(observed.counts).toEqual(counted.counts);
    expect(inPass.centroids).toEqual(oneByOne.centroids);
    expect(inPass.seen).toBe(300);
    expect(() => observeRows(compileDriftModel(bundle), raw, null, inPass)).toThrow('the shadow K-Means was made for another drift model');
  });
});
