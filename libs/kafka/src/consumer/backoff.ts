export interface RetryPolicy {
  /** Retries after the first attempt; 0 fails on the first error. */
  readonly retries: number;
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 5, initialMs: 200, maxMs: 10_000 };

export function validateRetryPolicy(policy: RetryPolicy): void {
  const problems: string[] = [];
  if (!Number.isInteger(policy.retries) || policy.retries < 0) problems.push(`retries must be an integer >= 0, got ${policy.retries}`);
  if (!(policy.initialMs > 0)) problems.push(`initialMs must be > 0, got ${policy.initialMs}`);
  if (!(policy.maxMs >= policy.initialMs)) problems.push(`maxMs must be >= initialMs, got ${policy.maxMs}`);
  if (problems.length > 0) throw new RangeError(`Invalid retry policy: ${problems.join('; ')}`);
}

/** Delay before each retry: doubling from initialMs, capped at maxMs. No jitter: one consumer per partition, nothing to de-synchronise. */
export function backoffSchedule(policy: RetryPolicy): number[] {
  validateRetryPolicy(policy);
  return Array.from({ length: policy.retries }, (_, retry) => Math.min(policy.maxMs, policy.initialMs * 2 ** retry));
}

const HEARTBEAT_SLICE_MS = 1_000;

/**
 * Waits `ms` while heartbeating, so the group coordinator does not evict a member that is only
 * backing off. Returns false as soon as `keepWaiting` turns false (the consumer is stopping).
 */
export async function sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>, keepWaiting: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  for (let remaining = ms; remaining > 0; remaining = until - Date.now()) {
    if (!keepWaiting()) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(remaining, HEARTBEAT_SLICE_MS)));
    await heartbeat();
  }
  return keepWaiting();
}
