import { expectAllCloseTo, GOLDEN_DATASETS, loadGoldenDataset } from '../../golden/golden-data';
import { selectRows } from '../matrix';
import { DEFAULT_PIPELINE_CONFIG } from '../preprocessing/pipeline-config';
import { fitPreprocessor } from '../preprocessing/preprocessor';
import { fitPca, projectPca } from './pca';

describe('PCA against scikit-learn', () => {
  describe.each(GOLDEN_DATASETS)('%s data', (name) => {
    const { golden, raw } = loadGoldenDataset(name);
    const x = fitPreprocessor(raw, DEFAULT_PIPELINE_CONFIG).transformed;
    const model = fitPca(x, 2);

    it('should match explained variance and its ratio to 1e-9 when fitted on the preprocessed data', () => {
      expectAllCloseTo(model.mean, golden.pca.mean);
      expectAllCloseTo(model.explainedVariance, golden.pca.explainedVariance);
      expectAllCloseTo(model.explainedVarianceRatio, golden.pca.explainedVarianceRatio);
    });

    it('should match components and projections to 1e-9 when both use the largest-loading-positive sign convention', () => {
      model.components.forEach((component, c) => expectAllCloseTo(component, golden.pca.components[c]));
      const rows = Array.from({ length: golden.pca.projections.length }, (_, i) => i * golden.pca.projectionStep);
      const projected = projectPca(selectRows(x, rows), model);
      expectAllCloseTo(projected.data, golden.pca.projections.flat());
    });
  });
});
