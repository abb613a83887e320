import { GOLDEN_DATASETS, loadGoldenDataset } from '../../golden/golden-data';
import { DEFAULT_PIPELINE_CONFIG } from '../preprocessing/pipeline-config';
import { fitPreprocessor } from '../preprocessing/preprocessor';
import { fitKMeans } from './fit-kmeans';

describe('K-Means against scikit-learn', () => {
  describe.each(GOLDEN_DATASETS)('%s data', (name) => {
    const { golden, raw } = loadGoldenDataset(name);
    const x = fitPreprocessor(raw, DEFAULT_PIPELINE_CONFIG).transformed;
    const { nInit, seed, maxIterations, tolerance } = DEFAULT_PIPELINE_CONFIG;

    it.each([2, 3, 4, 5, 6, 7, 8, 9])('should reach best-of-10 inertia within 1e-4 of scikit-learn\'s when k = %i', async (k) => {
      const fit = await fitKMeans(x, k, { nInit, seed, maxIterations, tolerance });
      const reference = golden.bestOf10Inertia[String(k)];
      expect(fit.restarts).toHaveLength(10);
      expect(fit.converged).toBe(true);
      expect(fit.inertia).toBeLessThanOrEqual(reference * (1 + 1e-4));
    });
  });
});
