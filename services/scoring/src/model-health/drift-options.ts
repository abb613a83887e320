import type { DriftMonitorOptions } from '@seg/ml';
import type { ScoringSettings } from '../config/scoring.config';

/** The drift monitor's window, half-life and thresholds from the service's settings. */
export function driftOptions(settings: ScoringSettings): DriftMonitorOptions {
  return {
    window: { maxEvents: settings.SCORING_DRIFT_WINDOW_EVENTS, maxAgeMs: settings.SCORING_DRIFT_WINDOW_MS },
    halfLife: settings.SCORING_DRIFT_HALF_LIFE,
    thresholds: {
      psiWatch: settings.SCORING_DRIFT_PSI_WATCH,
      psiAlert: settings.SCORING_DRIFT_PSI_ALERT,
      displacementWatch: settings.SCORING_DRIFT_DISPLACEMENT_WATCH,
      displacementAlert: settings.SCORING_DRIFT_DISPLACEMENT_ALERT,
      minCount: settings.SCORING_DRIFT_MIN_COUNT,
    },
  };
}
