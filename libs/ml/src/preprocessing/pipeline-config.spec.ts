import { FEATURE_NAMES } from '../features/feature-schema';
import { DEFAULT_PIPELINE_CONFIG, modelFeatureNames, PipelineConfigError, resolvePipelineConfig } from './pipeline-config';

describe('pipeline config', () => {
  it('should hold the defaults of issue 3 when nothing is overridden', () => {
    const config = resolvePipelineConfig();
    expect(config).toEqual(DEFAULT_PIPELINE_CONFIG);
    expect(config).toMatchObject({ impute: 'median', scaler: 'robust', k: 4, nInit: 10, seed: 42, maxIterations: 300, tolerance: 1e-4 });
    expect([...config.log1pColumns].sort()).toEqual([
      'BALANCE', 'CASH_ADVANCE', 'CASH_ADVANCE_TRX', 'CREDIT_LIMIT', 'INSTALLMENTS_PURCHASES', 'MINIMUM_PAYMENTS',
      'ONEOFF_PURCHASES', 'PAYMENTS', 'PURCHASES', 'PURCHASES_TRX',
    ]);
    expect(config.excludeColumns).toEqual(['TENURE']);
    expect(modelFeatureNames(config)).toEqual(FEATURE_NAMES.filter((name) => name !== 'TENURE'));
  });

  it('should apply overrides and keep the other defaults when they are valid', () => {
    const config = resolvePipelineConfig({ k: 6, impute: 'zero', log1pColumns: [], excludeColumns: [], seed: undefined });
    expect(config).toMatchObject({ k: 6, impute: 'zero', seed: 42, nInit: 10 });
    expect(modelFeatureNames(config)).toEqual(FEATURE_NAMES);
  });

  it('should list every problem in one error when several settings are wrong', () => {
    const attempt = (): unknown =>
      resolvePipelineConfig({ k: 1, impute: 'mode' as never, log1pColumns: ['BALANCE', 'BALANSE'], excludeColumns: ['BALANCE'] });
    expect(attempt).toThrow(PipelineConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as PipelineConfigError).problems).toEqual([
        'impute must be one of median|mean|zero, got "mode"',
        expect.stringContaining('log1pColumns: unknown column "BALANSE"'),
        'log1pColumns: BALANCE is also excluded from the model',
        'k must be an integer >= 2, got 1',
      ]);
    }
  });

  it('should reject excluding every feature when nothing would be left to cluster', () => {
    expect(() => resolvePipelineConfig({ excludeColumns: [...FEATURE_NAMES], log1pColumns: [] })).toThrow(/nothing left to cluster/);
  });
});
