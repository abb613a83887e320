/** The middle value (the mean of the two middle ones for an even count). */
export function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of every number across rounds of one shape, key by key (each figure's own median, not one round's). */
export function medians<T>(rounds: readonly T[]): T {
  const [first] = rounds;
  if (typeof first === 'number') return median(rounds as readonly number[]) as T;
  return Object.fromEntries(Object.keys(first as object).map((key) => [key, medians(rounds.map((round) => (round as Record<string, unknown>)[key]))])) as T;
}
