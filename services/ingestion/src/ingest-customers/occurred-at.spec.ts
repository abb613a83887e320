import { occurredAtProblem } from './occurred-at';

const NOW = Date.parse('2026-12-07T12:00:00Z');

describe(occurredAtProblem.name, () => {
  it('should accept a past instant, now, and one within the allowed skew, in any offset', () => {
    expect(occurredAtProblem('2020-01-31T12:00:00Z', 300_000, NOW)).toBeNull();
    expect(occurredAtProblem('2026-12-07T12:00:00Z', 0, NOW)).toBeNull();
    expect(occurredAtProblem('2026-12-07T13:05:00+01:00', 300_000, NOW)).toBeNull();
  });

  it('should refuse an instant further ahead than allowed, naming the setting, since it would make every later update stale', () => {
    expect(occurredAtProblem('2026-12-07T12:05:00.001Z', 300_000, NOW)).toBe(
      "occurredAt: 2026-12-07T12:05:00.001Z is 301 s ahead of this service's clock (at most 300 s: INGESTION_MAX_FUTURE_MS)",
    );
    expect(occurredAtProblem('2027-12-07T12:00:00Z', 300_000, NOW)).toMatch(/ahead of this service's clock/);
  });

  it('should refuse what is no instant PostgreSQL stores', () => {
    for (const text of ['last tuesday', '2026-12-07T12:00:00', '2026-02-30T12:00:00Z'])
      expect(occurredAtProblem(text, 300_000, NOW)).toMatch(/^occurredAt: not an ISO-8601 instant/);
  });
});
