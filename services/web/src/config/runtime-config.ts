export interface RuntimeConfig {
  readonly gatewayUrl: string;
}

export class RuntimeConfigError extends Error {}

/**
 * Where the gateway is, decided when the page loads: `?gateway=<url>` wins (tests, a second platform),
 * then `/config.json` next to the bundle (written by whoever serves it).
 */
export async function loadRuntimeConfig(location: Pick<Location, 'search' | 'origin'>, fetchJson: (url: string) => Promise<unknown>): Promise<RuntimeConfig> {
  const fromQuery = new URLSearchParams(location.search).get('gateway');
  if (fromQuery) return { gatewayUrl: fromQuery };
  const body = await fetchJson(new URL('config.json', location.origin + '/').toString()).catch(() => null);
  const gatewayUrl = (body as { gatewayUrl?: unknown } | null)?.gatewayUrl;
  if (typeof gatewayUrl !== 'string' || gatewayUrl === '') {
    throw new RuntimeConfigError('The client does not know where the gateway is: config.json is missing or has no gatewayUrl.');
  }
  return { gatewayUrl };
}
