import { ServiceUnavailableException } from '@nestjs/common';

const CHECK_TIMEOUT_MS = 3_000;

/**
 * `up` when `work` resolves within the timeout, else `down: ` and why: a dependency that hangs (a database behind
 * a dropped route) must not hang the probe that asks about it.
 */
export async function checkWithin(work: () => Promise<unknown>, timeoutMs = CHECK_TIMEOUT_MS): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([work(), timeout]);
    return 'up';
  } catch (error) {
    return `down: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** A health endpoint's answer: the body with status `ok` when every check is `up`, else a 503 with status `unavailable`. */
export function healthReport<B extends { readonly checks: Readonly<Record<string, string>> }>(body: B): B & { status: 'ok' } {
  if (Object.values(body.checks).some((result) => result !== 'up')) throw new ServiceUnavailableException({ status: 'unavailable', ...body });
  return { status: 'ok', ...body };
}
