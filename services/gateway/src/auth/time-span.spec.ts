import { formatTimeSpan, parseTimeSpan } from './time-span';

describe('parseTimeSpan', () => {
  it('should read seconds, minutes, hours and days when given a number and a unit', () => {
    expect(['90s', '30m', '12h', '7d', ' 24h '].map(parseTimeSpan)).toEqual([90, 1_800, 43_200, 604_800, 86_400]);
  });

  it('should refuse a span without a unit, with an unknown unit, zero or a fraction', () => {
    for (const text of ['3600', '1w', '0h', '1.5h', '-1h', '', '12 hours']) expect(() => parseTimeSpan(text)).toThrow(/must be a time span such as 90s, 30m, 12h or 7d/);
  });
});

describe('formatTimeSpan', () => {
  it('should use the largest unit that divides the span, and whole days from two days on', () => {
    expect([86_400, 5_400, 90, 86_401, 172_800, 31_536_000 + 5].map(formatTimeSpan)).toEqual(['24h', '90m', '90s', '86401s', '2d', '365d']);
  });
});
