import { retryDelay, sleepWithHeartbeat, validateRetryPolicy } from './backoff';

describe(retryDelay.name, () => {
  it('should double from the initial delay and stay at the cap for every later retry when retries go on', () => {
    const policy = { retries: 3, initialMs: 100, maxMs: 1_000 };

    expect([0, 1, 2, 3, 4, 5, 50, 5_000].map((retry) => retryDelay(policy, retry))).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000]);
  });
});

describe(validateRetryPolicy.name, () => {
  it('should list every problem when the policy is invalid', () => {
    expect(() => validateRetryPolicy({ retries: -1, initialMs: 0, maxMs: 1_000 })).toThrow(
      'Invalid retry policy: retries must be an integer >= 0, got -1; initialMs must be > 0, got 0',
    );
    expect(() => validateRetryPolicy({ retries: 1, initialMs: 500, maxMs: 100 })).toThrow('maxMs must be >= initialMs');
  });

  it('should accept a policy without quick retries', () => {
    expect(() => validateRetryPolicy({ retries: 0, initialMs: 100, maxMs: 100 })).not.toThrow();
  });
});

describe(sleepWithHeartbeat.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should heartbeat every second while waiting when the wait is long', async () => {
    const heartbeat = jest.fn(async () => undefined);
    const waiting = sleepWithHeartbeat(2_500, heartbeat, () => true);
    await jest.advanceTimersByTimeAsync(2_500);
    await expect(waiting).resolves.toBe(true);
    expect(heartbeat).toHaveBeenCalledTimes(3);
  });

  it('should stop early without further heartbeats when asked to stop waiting', async () => {
    let keepWaiting = true;
    const heartbeat = jest.fn(async () => undefined);
    const waiting = sleepWithHeartbeat(10_000, heartbeat, () => keepWaiting);
    await jest.advanceTimersByTimeAsync(1_000);
    keepWaiting = false;
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(waiting).resolves.toBe(false);
    expect(heartbeat).toHaveBeenCalledTimes(2);
  });
});
