import { fitPca, projectPca } from '../pca/pca';
import { DEFAULT_PIPELINE_CONFIG } from '../preprocessing/pipeline-config';
import { fitPreprocessor, transformRaw } from '../preprocessing/preprocessor';
import { syntheticMatrix } from '../synthetic/synthetic-customers';
import { toShared } from '../matrix';
import { fitKMeansSync, predictKMeans } from './fit-kmeans';
import { predictFromRaw, predictFromRawParallel } from './predict-from-raw';

describe(predictFromRaw.name, () => {
  const training = syntheticMatrix(1_000, 17).matrix;
  const { params, transformed } = fitPreprocessor(training, DEFAULT_PIPELINE_CONFIG);
  const fit = fitKMeansSync(transformed, 5, { nInit: 2, seed: 1 });
  const pca = fitPca(transformed, 2);
  const model = { preprocessor: params, centroids: fit.centroids, pca };

  it('should give the clusters, distances and PCA positions of the step-by-step path when predicting unseen raw customers', () => {
    const unseen = syntheticMatrix(300, 18).matrix;
    const predicted = predictFromRaw(unseen, model);
    const x = transformRaw(unseen, params);
    expect(Array.from(predicted.clusters)).toEqual(Array.from(predictKMeans(x, fit.centroids)));
    expect(predicted.pca).toEqual(projectPca(x, pca).data);
    for (let i = 0; i < x.rows; i++) {
      fit.centroids.forEach((centroid, c) => {
        const expected = Math.hypot(...centroid.map((v, j) => x.data[i * x.cols + j] - v));
        expect(predicted.distances[i * 5 + c]).toBeCloseTo(expected, 12);
      });
      expect(predicted.distances[i * 5 + predicted.clusters[i]]).toBe(Math.min(...predicted.distances.subarray(i * 5, i * 5 + 5)));
    }
  });

  it('should put the training customers in the clusters of the fit', () => {
    expect(Array.from(predictFromRaw(training, model).clusters)).toEqual(Array.from(fit.clusters));
  });

  it('should reject a matrix that is not the 17 raw features', () => {
    expect(() => predictFromRaw(transformed, model)).toThrow(/raw feature matrix has 16 columns, expected the 17/);
  });

  describe(predictFromRawParallel.name, () => {
    // Several chunks of the shared half, so both threads claim some and the last one is partial.
    const many = syntheticMatrix(50_001, 19).matrix;
    const alone = predictFromRaw(many, model);

    it.each([['copied into shared memory', many], ['already shared', toShared(many)]])(
      'should give exactly the single-threaded predictions with a worker, from rows %s',
      async (_, raw) => {
        const parallel = await predictFromRawParallel(raw, model, { threads: 2 });
        expect(parallel.clusters).toEqual(alone.clusters);
        expect(parallel.distances).toEqual(alone.distances);
        expect(parallel.pca).toEqual(alone.pca);
      },
    );
  });
});
