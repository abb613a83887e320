import { DEFAULT_DRIFT_THRESHOLDS, resolveDriftThresholds, severity, worstStatus } from './drift-status';

describe('drift status', () => {
  it('should be ok below the watch line, watch from it, alert from the alert line', () => {
    const { psiWatch, psiAlert } = DEFAULT_DRIFT_THRESHOLDS;
    expect([0, 0.0999, 0.1, 0.2499, 0.25, 3].map((psi) => severity(psi, psiWatch, psiAlert))).toEqual(['ok', 'ok', 'watch', 'watch', 'alert', 'alert']);
  });

  it('should take the worst status, unjudged signals above ok and below watch', () => {
    expect(worstStatus(['ok', 'ok'])).toBe('ok');
    expect(worstStatus(['ok', 'no-reference'])).toBe('no-reference');
    expect(worstStatus(['no-reference', 'insufficient-data', 'ok'])).toBe('insufficient-data');
    expect(worstStatus(['insufficient-data', 'watch'])).toBe('watch');
    expect(worstStatus(['watch', 'alert', 'no-reference'])).toBe('alert');
    expect(worstStatus([])).toBe('ok');
  });

  it('should use PSI 0.1 / 0.25 and a minimum of 1,000 events by default, overridable one by one', () => {
    expect(resolveDriftThresholds()).toEqual({ psiWatch: 0.1, psiAlert: 0.25, displacementWatch: 0.25, displacementAlert: 0.5, minCount: 1000 });
    expect(resolveDriftThresholds({ minCount: 50, psiAlert: 0.3 })).toEqual({ ...DEFAULT_DRIFT_THRESHOLDS, minCount: 50, psiAlert: 0.3 });
  });

  it('should list every bad threshold at once', () => {
    expect(() => resolveDriftThresholds({ psiWatch: 0.3, displacementAlert: Number.NaN, minCount: 2.5 })).toThrow(
      'invalid drift thresholds: displacementAlert must be a finite number > 0, got NaN; psiWatch (0.3) must be below psiAlert (0.25); ' +
        'displacementWatch (0.25) must be below displacementAlert (NaN); minCount must be an integer, got 2.5',
    );
  });
});
