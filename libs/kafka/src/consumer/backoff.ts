export interface RetryPolicy {
  /** Retries in quick succession after the first attempt; past them the consumer reports itself stalled, and keeps retrying. */
  readonly retries: number;
  readonly initialMs: number;
  /** Cap of the delay: the pace at which a stalled consumer keeps trying, for as long as it takes. */
  readonly maxMs: number;
}

/**
 * 200 ms doubling: a blip (a failover, a deadlock retry) passes within ~6 s without a word to the health checks; a
 * longer outage is then retried every 5 s, cheap against a refused connection, and left within 5 s of its end.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 5, initialMs: 200, maxMs: 5_000 };

export function validateRetryPolicy(policy: RetryPolicy): void {
  const problems: string[] = [];
  if (!Number.isInteger(policy.retries) || policy.retries < 0) problems.push(`retries must be an integer >= 0, got ${policy.retries}`);
  if (!(policy.initialMs > 0)) problems.push(`initialMs must be > 0, got ${policy.initialMs}`);
  if (!(policy.maxMs >= policy.initialMs)) problems.push(`maxMs must be >= initialMs, got ${policy.maxMs}`);
  if (problems.length > 0) throw new RangeError(`Invalid retry policy: ${problems.join('; ')}`);
}

/**
 * Delay before retry number `retry` (0 for the first): doubling from initialMs, capped at maxMs. No jitter: one
 * consumer per partition, nothing to de-synchronise.
 */
export function retryDelay(policy: RetryPolicy, retry: number): number {
  // 2 ** 30 × initialMs is past any sensible cap; the exponent stops there so the product stays finite.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(retry, 30));
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
