/**
 * fetch, asked again (up to 3 times, 1 s then 2 s apart) when the connection fails before an answer: a provider that
 * has just become ready on a loaded machine has closed the socket of its first requests ("other side closed").
 * `onRetry` tells the caller that an earlier attempt may have reached the server. HTTP errors are answers: returned.
 */
export async function fetchRetryingConnection(url: string, init: RequestInit, onRetry?: () => void): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      // fetch rejects with a TypeError for network failures (by name: jest runs tests in another realm); an abort
      // or a timeout is an AbortError or TimeoutError, not retried.
      if (attempt >= 3 || (error as Error | undefined)?.name !== 'TypeError') throw error;
      onRetry?.();
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}
