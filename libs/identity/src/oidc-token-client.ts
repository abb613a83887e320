import { fetchRetryingConnection } from './fetch-retrying-connection';

/** An OAuth 2.0 token endpoint's answer (RFC 6749 §5.1), the parts the platform uses. */
export interface TokenResponse {
  readonly access_token: string;
  readonly expires_in: number;
  readonly token_type: string;
  readonly refresh_token?: string;
}

/** The provider refused (4xx with an OAuth error) or could not be reached; the message says which and why. */
export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
}

const endpoints = new Map<string, Promise<string>>();

/** The token endpoint from the issuer's discovery document (fetched once per issuer). */
export function tokenEndpointOf(issuer: string): Promise<string> {
  let endpoint = endpoints.get(issuer);
  if (endpoint === undefined) {
    endpoint = fetchRetryingConnection(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) })
      .then(async (response) => {
        if (!response.ok) throw new TokenRequestError(`discovery of ${issuer} answered HTTP ${response.status}`);
        const { token_endpoint: url } = (await response.json()) as { token_endpoint?: unknown };
        if (typeof url !== 'string') throw new TokenRequestError(`discovery of ${issuer} names no token_endpoint`);
        return url;
      })
      .catch((error: unknown) => {
        endpoints.delete(issuer);
        throw error instanceof TokenRequestError ? error : new TokenRequestError(`cannot reach ${issuer}: ${(error as Error).message}`);
      });
    endpoints.set(issuer, endpoint);
  }
  return endpoint;
}

async function requestToken(issuer: string, form: Record<string, string | undefined>): Promise<TokenResponse> {
  const body = new URLSearchParams(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const response = await fetchRetryingConnection(await tokenEndpointOf(issuer), { method: 'POST', body, signal: AbortSignal.timeout(30_000) });
  const answer = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & { error?: string; error_description?: string };
  if (!response.ok || typeof answer.access_token !== 'string') {
    throw new TokenRequestError(`${issuer} refused the ${form.grant_type} grant for ${form.client_id}: HTTP ${response.status} ${answer.error ?? ''} ${answer.error_description ?? ''}`.trim());
  }
  return answer as TokenResponse;
}

/** A machine's token: the client credentials grant of a confidential client. */
export function clientCredentialsToken(options: { issuer: string; clientId: string; clientSecret: string; scope?: string }): Promise<TokenResponse> {
  return requestToken(options.issuer, { grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret, scope: options.scope });
}

/**
 * A user's token by the resource owner password grant. For test realms only: it hands the user's password to the
 * client, which OAuth 2.0 Security BCP forbids; people sign in through the provider's page (the web client).
 */
export function passwordToken(options: { issuer: string; clientId: string; username: string; password: string; clientSecret?: string; scope?: string }): Promise<TokenResponse> {
  return requestToken(options.issuer, {
    grant_type: 'password',
    client_id: options.clientId,
    client_secret: options.clientSecret,
    username: options.username,
    password: options.password,
    scope: options.scope ?? 'openid',
  });
}

/**
 * A token that is fetched again shortly before it expires, for a long-running client (the demo, a test waiting on
 * training): ask it before every request.
 */
export function renewingToken(fetchToken: () => Promise<TokenResponse>, marginSeconds = 30): () => Promise<string> {
  let current: { token: string; renewAt: number } | null = null;
  return async () => {
    if (current === null || Date.now() >= current.renewAt) {
      const answer = await fetchToken();
      current = { token: answer.access_token, renewAt: Date.now() + Math.max(0, answer.expires_in - marginSeconds) * 1000 };
    }
    return current.token;
  };
}
