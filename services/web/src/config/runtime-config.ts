/** How people sign in: pasting a local token (AUTH_MODE=local), or through the organisation's OpenID Connect provider. */
export type AuthConfig =
  | { readonly mode: 'local' }
  | {
      readonly mode: 'oidc';
      /** The issuer, e.g. https://login.bank.example/realms/segmentation */
      readonly authority: string;
      /** The public client registered for this web client (Authorization Code with PKCE, no secret). */
      readonly clientId: string;
      readonly scope: string;
    };

export interface RuntimeConfig {
  readonly gatewayUrl: string;
  readonly auth: AuthConfig;
}

export class RuntimeConfigError extends Error {}

const DEFAULT_SCOPE = 'openid profile';

function authOf(body: unknown): AuthConfig {
  const auth = (body as { auth?: unknown } | null)?.auth as Record<string, unknown> | undefined;
  if (auth === undefined || auth.mode === 'local') return { mode: 'local' };
  if (auth.mode !== 'oidc') throw new RuntimeConfigError(`config.json: auth.mode must be local or oidc, got ${JSON.stringify(auth.mode)}.`);
  const { authority, clientId, scope } = auth;
  if (typeof authority !== 'string' || authority === '' || typeof clientId !== 'string' || clientId === '') {
    throw new RuntimeConfigError('config.json: auth.mode oidc needs auth.authority (the issuer) and auth.clientId.');
  }
  return { mode: 'oidc', authority, clientId, scope: typeof scope === 'string' && scope !== '' ? scope : DEFAULT_SCOPE };
}

/**
 * Where the gateway is and how people sign in, decided when the page loads: `/config.json` next to the bundle
 * (written by whoever serves it); `?gateway=<url>` overrides the gateway (tests, a second platform).
 */
export async function loadRuntimeConfig(location: Pick<Location, 'search' | 'origin'>, fetchJson: (url: string) => Promise<unknown>): Promise<RuntimeConfig> {
  const fromQuery = new URLSearchParams(location.search).get('gateway');
  const body = await fetchJson(new URL('config.json', location.origin + '/').toString()).catch(() => null);
  const gatewayUrl = fromQuery ?? (body as { gatewayUrl?: unknown } | null)?.gatewayUrl;
  if (typeof gatewayUrl !== 'string' || gatewayUrl === '') {
    throw new RuntimeConfigError('The client does not know where the gateway is: config.json is missing or has no gatewayUrl.');
  }
  return { gatewayUrl, auth: authOf(body) };
}
