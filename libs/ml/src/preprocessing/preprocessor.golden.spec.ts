import { expectAllCloseTo, GOLDEN_DATASETS, loadGoldenDataset } from '../../golden/golden-data';
import { FEATURE_NAMES } from '../features/feature-schema';
import { fitImputer } from './imputer';
import { DEFAULT_PIPELINE_CONFIG, modelFeatureNames } from './pipeline-config';
import { fitPreprocessor, transformRaw } from './preprocessor';
import { selectColumns } from './select-columns';

describe('preprocessing against scikit-learn', () => {
  describe.each(GOLDEN_DATASETS)('%s data', (name) => {
    const { golden, raw } = loadGoldenDataset(name);
    const fitted = fitPreprocessor(raw, DEFAULT_PIPELINE_CONFIG);

    it('should keep the model feature order of the golden pipeline when TENURE is excluded', () => {
      expect(fitted.params.featureNames).toEqual(golden.featureNames);
      expect(fitted.params.featureNames).not.toContain('TENURE');
    });

    it('should match SimpleImputer(median) and SimpleImputer(mean) to 1e-9 when fitted on the same columns', () => {
      expectAllCloseTo(fitted.params.imputer.values, golden.imputerMedian);
      const modelled = selectColumns(raw, modelFeatureNames(DEFAULT_PIPELINE_CONFIG).map((f) => FEATURE_NAMES.indexOf(f)));
      expectAllCloseTo(fitImputer(modelled, 'mean').values, golden.imputerMean);
    });

    it('should match RobustScaler centre and scale to 1e-9 when fitted after imputation and log1p', () => {
      expectAllCloseTo(fitted.params.scaler.center, golden.scalerCenter);
      expectAllCloseTo(fitted.params.scaler.scale, golden.scalerScale);
    });

    it('should give the identical matrix when the one-pass predict transform is used', () => {
      expect(transformRaw(raw, fitted.params).data).toEqual(fitted.transformed.data);
    });
  });
});
