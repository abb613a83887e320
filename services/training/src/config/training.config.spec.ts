import { ConfigError } from '@seg/config';
import { loadTrainingConfig } from './training.config';

describe(loadTrainingConfig.name, () => {
  it('should keep a valid TRAINING_CRON as given, and no schedule when it is unset or empty', () => {
    expect(loadTrainingConfig({ TRAINING_CRON: '0 3 * * *' }).settings.TRAINING_CRON).toBe('0 3 * * *');
    expect(loadTrainingConfig({ TRAINING_CRON: ' */15 * * * * ' }).settings.TRAINING_CRON).toBe('*/15 * * * *');
    expect(loadTrainingConfig({}).settings.TRAINING_CRON).toBe('');
    expect(loadTrainingConfig({ TRAINING_CRON: '' }).settings.TRAINING_CRON).toBe('');
  });

  it('should refuse an invalid TRAINING_CRON at load, naming it along with the other bad variables', () => {
    const load = (env: NodeJS.ProcessEnv) => {
      try {
        loadTrainingConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      throw new Error('the configuration was accepted');
    };

    expect(load({ TRAINING_CRON: '61 * * * *' })).toEqual([
      "TRAINING_CRON must be a cron expression such as '0 3 * * *', got '61 * * * *' (Field value (61) is out of range)",
    ]);
    expect(load({ TRAINING_CRON: 'every night', TRAINING_PORT: '0' })).toEqual([
      'TRAINING_PORT must be ≥ 1, got 0',
      expect.stringMatching(/^TRAINING_CRON must be a cron expression such as '0 3 \* \* \*', got 'every night'/),
    ]);
  });
});
