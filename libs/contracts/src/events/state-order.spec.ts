import { customerFeaturesEvent as state } from '../testing';
import { compareFeatureStates, instantMicros, newestPerKey } from './state-order';

describe(instantMicros.name, () => {
  it('should give the same number for the same instant written in different offsets and precisions', () => {
    expect(instantMicros('2026-01-31T13:00:00+01:00')).toBe(Date.parse('2026-01-31T12:00:00Z') * 1_000);
    expect(instantMicros('2026-01-31T12:00:00.5Z')).toBe(instantMicros('2026-01-31T12:00:00.500000+00:00'));
  });

  it('should keep microseconds, which Date.parse drops, and round what is finer as PostgreSQL does', () => {
    const second = Date.parse('2026-01-31T12:00:00Z') * 1_000;
    expect(instantMicros('2026-01-31T12:00:00.000400Z') - instantMicros('2026-01-31T12:00:00.000100Z')).toBe(300);
    expect(instantMicros('2026-01-31T12:00:00.123456789Z')).toBe(second + 123_457);
    expect(instantMicros('2026-01-31T12:00Z')).toBe(Date.parse('2026-01-31T12:00:00Z') * 1_000);
  });
});

describe(compareFeatureStates.name, () => {
  it("should order by the source's time first, then by ingestion's write", () => {
    const older = state('C1', 1, '2026-12-01T10:00:01Z', '2020-01-01T00:00:00Z');
    const newer = state('C1', 2, '2026-12-01T10:00:00Z', '2026-01-01T00:00:00Z');
    expect(compareFeatureStates(older, newer)).toBeLessThan(0);
    const rewritten = state('C1', 3, '2026-12-01T10:00:05Z', '2026-01-01T00:00:00Z');
    expect(compareFeatureStates(rewritten, newer)).toBeGreaterThan(0);
    expect(compareFeatureStates(newer, { ...newer, features: rewritten.features })).toBe(0);
  });

  it('should take the write time as the source time of a record without occurredAt', () => {
    const legacy = state('C1', 1, '2026-11-20T00:00:00Z');
    expect(compareFeatureStates(legacy, state('C1', 2, '2026-12-01T00:00:00Z', '2026-11-19T00:00:00Z'))).toBeGreaterThan(0);
    expect(compareFeatureStates(legacy, state('C1', 2, '2026-12-01T00:00:00Z', '2026-11-21T00:00:00Z'))).toBeLessThan(0);
  });
});

describe(newestPerKey.name, () => {
  const byNumber = (a: { key: string; at: number }, b: { key: string; at: number }) => a.at - b.at;
  const item = (key: string, at: number, label: string) => ({ key, at, label });

  it('should keep the newest item per key and count only those that arrive after a newer one as stale', () => {
    const { newest, stale } = newestPerKey(
      [item('A', 3, 'a3'), item('B', 1, 'b1'), item('A', 1, 'a1'), item('B', 2, 'b2'), item('A', 5, 'a5')],
      (i) => i.key,
      byNumber,
    );
    expect(newest.map((i) => i.label)).toEqual(['a5', 'b2']);
    expect(stale).toBe(1);
  });

  it('should keep the later of two equal items', () => {
    expect(newestPerKey([item('A', 2, 'first'), item('A', 2, 'second')], (i) => i.key, byNumber)).toEqual({
      newest: [item('A', 2, 'second')],
      stale: 0,
    });
  });
});
