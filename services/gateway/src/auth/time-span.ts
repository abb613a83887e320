const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
const TIME_SPAN = /^(\d+)\s*(s|m|h|d)$/;

/** `90s`, `30m`, `12h`, `7d` in seconds: the syntax of `npm run token -- --ttl` and `GATEWAY_MAX_TOKEN_TTL`. */
export function parseTimeSpan(text: string): number {
  const match = TIME_SPAN.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS] : 0;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new RangeError(`must be a time span such as 90s, 30m, 12h or 7d, got '${text}'`);
  return seconds;
}

/**
 * Seconds for a message: whole days from two days on (rounded down: `365d`), below that exact, in the largest unit
 * that divides them (86400 → `24h`, 5400 → `90m`, 86401 → `86401s`).
 */
export function formatTimeSpan(seconds: number): string {
  if (seconds >= 2 * UNIT_SECONDS.d) return `${Math.floor(seconds / UNIT_SECONDS.d)}d`;
  for (const unit of ['h', 'm'] as const) {
    if (seconds >= UNIT_SECONDS[unit] && seconds % UNIT_SECONDS[unit] === 0) return `${seconds / UNIT_SECONDS[unit]}${unit}`;
  }
  return `${seconds}s`;
}
