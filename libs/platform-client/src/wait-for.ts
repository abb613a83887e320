const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class WaitTimeoutError extends Error {
  constructor(what: string, seconds: number, last: string) {
    super(`Gave up waiting for ${what} after ${seconds} s (last: ${last})`);
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Polls `probe` until it reports done, printing its status line whenever it changes, so a long wait
 * always shows where it is. Errors from the probe count as "not yet" until the timeout.
 */
export async function waitFor(
  what: string,
  probe: () => Promise<{ done: boolean; status: string }>,
  { timeoutSeconds = 300, intervalMs = 500, log = (line: string) => console.log(line) } = {},
): Promise<void> {
  const started = Date.now();
  let last = '';
  for (;;) {
    const { done, status } = await probe().catch((error: Error) => ({ done: false, status: `not yet: ${error.message}` }));
    if (status !== last) log(`  ${what}: ${status}`);
    last = status;
    if (done) return;
    if (Date.now() - started > timeoutSeconds * 1000) throw new WaitTimeoutError(what, timeoutSeconds, last);
    await sleep(intervalMs);
  }
}
