import { mostDrifted, signalRows, type Health } from './drift-signals';

const feature = (name: string, value: number | null) => ({ feature: name, psi: value, status: value === null ? 'insufficient-data' : value >= 0.25 ? 'alert' : 'ok', referenceShares: [0.5, 0.5], liveShares: [0.2, 0.8] });

const health = (inflowPsi: number | null): Health => ({
  modelName: 'm',
  version: '2',
  status: 'alert',
  computedAt: '2026-12-07T00:00:00Z',
  replicas: 1,
  window: { maxEvents: 50_000, maxAgeMs: 86_400_000 },
  inflow: { status: inflowPsi === null ? 'insufficient-data' : 'alert', count: inflowPsi === null ? 12 : 8_950, features: [feature('PURCHASES', inflowPsi), feature('BALANCE', inflowPsi === null ? null : 0.01)] },
  population: { status: 'watch', count: 9_000, builtAt: null, features: [feature('CASH_ADVANCE', 0.12), feature('BALANCE', 0.02)] },
  segmentShares: { status: 'ok', count: 9_000, psi: 0.004, segments: [] },
  centroids: { status: 'ok', seen: 8_950, halfLife: 10_000, clusters: [{ cluster: 0, segmentId: 'revolvers', observed: 4_000, relative: 0.08, status: 'ok' }, { cluster: 1, segmentId: null, observed: 2, relative: 0.3, status: 'insufficient-data' }] },
  championRejected: null,
});

describe('signalRows', () => {
  it('should list the four signals with their status and what they judged', () => {
    const rows = signalRows(health(0.31));

    expect(rows.map((r) => [r.key, r.status])).toEqual([['inflow', 'alert'], ['population', 'watch'], ['segmentShares', 'ok'], ['centroids', 'ok']]);
    expect(rows[0].detail).toBe('8,950 recent events, worst PSI 0.310 (PURCHASES)');
    expect(rows[2].detail).toBe('9,000 assignments, PSI 0.004');
    expect(rows[3].detail).toBe('8,950 events, largest move 0.30 × spread (cluster 1)');
  });

  it('should say only the count when no feature has a figure', () => {
    expect(signalRows(health(null))[0].detail).toBe('12 recent events');
  });
});

describe('mostDrifted', () => {
  it('should take the recent events when they have figures, else every customer', () => {
    expect(mostDrifted(health(0.31), 1)).toEqual({ source: 'inflow', features: [expect.objectContaining({ feature: 'PURCHASES' })] });
    expect(mostDrifted(health(null)).source).toBe('population');
    expect(mostDrifted(health(null)).features.map((f) => f.feature)).toEqual(['CASH_ADVANCE', 'BALANCE']);
  });
});
