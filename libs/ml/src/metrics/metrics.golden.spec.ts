import { expectCloseTo, GOLDEN_DATASETS, goldenLabels, loadGoldenDataset } from '../../golden/golden-data';
import { DEFAULT_PIPELINE_CONFIG } from '../preprocessing/pipeline-config';
import { fitPreprocessor } from '../preprocessing/preprocessor';
import { calinskiHarabasz } from './calinski-harabasz';
import { daviesBouldin } from './davies-bouldin';
import { silhouette } from './silhouette';

describe('metrics against scikit-learn', () => {
  describe.each(GOLDEN_DATASETS)('%s data', (name) => {
    const { golden, raw } = loadGoldenDataset(name);
    const x = fitPreprocessor(raw, DEFAULT_PIPELINE_CONFIG).transformed;
    const labels = goldenLabels(golden);

    it('should match silhouette_score to 1e-9 when given scikit-learn\'s labels', async () => {
      expectCloseTo(await silhouette(x, labels), golden.metricsK4.silhouette);
    }, 120_000);

    it('should match davies_bouldin_score and calinski_harabasz_score to 1e-9 when given the same labels', () => {
      expectCloseTo(daviesBouldin(x, labels), golden.metricsK4.daviesBouldin);
      expectCloseTo(calinskiHarabasz(x, labels), golden.metricsK4.calinskiHarabasz);
    });
  });
});
