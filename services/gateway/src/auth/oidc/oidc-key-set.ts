import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { AccessTokenError, IdentityProviderUnavailableError } from '../access-errors';

export interface OidcKeySetOptions {
  /** Must equal the discovery document's `issuer` and every token's `iss`. */
  readonly issuer: string;
  /** Where the discovery document is read; the issuer's well-known address unless the gateway reaches the provider elsewhere. */
  readonly discoveryUrl: string;
  /** How often the keys are fetched again in the background (a key the provider removed stops working then). */
  readonly refreshMs: number;
  /** Least time between two fetches for a token whose key id is not cached (jose's cooldown). */
  readonly cooldownMs: number;
  /** Each request to the provider. */
  readonly timeoutMs: number;
}

/** What the gateway knows of the provider, for `/ready` and the logs. */
export interface IdentityProviderState {
  /** Keys are cached: tokens can be verified (the provider itself may be down). */
  readonly usable: boolean;
  /** `up (N keys)` or `down: <why>` with what is still cached. */
  readonly state: string;
}

interface Discovery {
  readonly jwksUri: URL;
}

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

/** The system error code when there is one (ECONNREFUSED, ENOTFOUND): fetch's own "fetch failed" says nothing. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && error.name === 'TimeoutError')) return 'timed out';
  const { code, cause } = error as { code?: unknown; cause?: { code?: string; message?: string } };
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * The provider's signing keys: discovery once (its `issuer` must be ours), then jose's remote key set, which
 * fetches again when a token names a key id it has not cached (at most once per cooldown). The cached keys never
 * expire by age: when the provider cannot be reached they keep verifying tokens, and only the background refresh
 * replaces them, on success. Until the first fetch succeeds, tokens cannot be checked at all (503).
 */
export class OidcKeySet {
  private discovery: Promise<Discovery> | null = null;
  private remote: RemoteKeySet | null = null;
  private fetchedAt: Date | null = null;
  private lastError: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: OidcKeySetOptions) {}

  /** Fetches discovery and keys now (a failure is kept for `/ready` and retried) and refreshes them on schedule. */
  async start(): Promise<void> {
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.timer.unref();
    await this.refresh();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** For jose's `jwtVerify`: the key of a token's `kid`, with errors a caller can read. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const remote = this.remote;
    if (remote === null || this.fetchedAt === null) {
      // Never fetched: try once more now (the provider may have come up since), else 503.
      await this.refresh();
      if (this.remote === null || this.fetchedAt === null) {
        throw new IdentityProviderUnavailableError(`the identity provider's keys could not be fetched yet (${this.lastError ?? 'not tried'}); try again shortly`);
      }
      return this.getKey(header, token);
    }
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw new AccessTokenError(`access token invalid: signed with an unknown key (kid ${JSON.stringify(header.kid ?? null)})`);
      }
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) throw error;
      // The kid was not cached and the provider could not be asked for it.
      this.lastError = reasonOf(error);
      throw new AccessTokenError(
        `access token invalid: signed with an unknown key (kid ${JSON.stringify(header.kid ?? null)}) and the identity provider cannot be reached to look for it`,
      );
    }
  };

  /** Fetches the keys again; on failure the cached ones stay and the reason is kept. */
  async refresh(): Promise<void> {
    try {
      const remote = await this.remoteKeySet();
      await remote.reload();
      this.fetchedAt = new Date();
      this.lastError = null;
    } catch (error) {
      this.lastError = reasonOf(error);
      // A failed discovery is tried again on the next refresh.
      if (this.remote === null) this.discovery = null;
    }
  }

  /** Asks the provider now (for `/ready`): its keys answer within the timeout, or why not and what is still cached. */
  async probe(): Promise<IdentityProviderState> {
    await this.refresh();
    const cached = this.remote?.jwks()?.keys.length ?? 0;
    const usable = this.fetchedAt !== null;
    if (this.lastError === null) return { usable, state: `up (${cached} keys)` };
    const fallback = usable ? `verifying with the ${cached} keys fetched at ${this.fetchedAt?.toISOString()}` : 'no keys fetched yet: every token is refused';
    return { usable, state: `down: ${this.lastError}; ${fallback}` };
  }

  private async remoteKeySet(): Promise<RemoteKeySet> {
    if (this.remote) return this.remote;
    this.discovery ??= this.discover();
    const { jwksUri } = await this.discovery;
    // cacheMaxAge Infinity: keys are never dropped for age (jose would refetch first and fail while the provider is down).
    this.remote ??= createRemoteJWKSet(jwksUri, { cacheMaxAge: Infinity, cooldownDuration: this.options.cooldownMs, timeoutDuration: this.options.timeoutMs });
    return this.remote;
  }

  private async discover(): Promise<Discovery> {
    const response = await fetch(this.options.discoveryUrl, { signal: AbortSignal.timeout(this.options.timeoutMs), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`discovery answered HTTP ${response.status} at ${this.options.discoveryUrl}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // OpenID Connect Discovery 1.0 §4.3: the issuer in the document must be exactly the one configured.
    if (document.issuer !== this.options.issuer) {
      throw new Error(`discovery at ${this.options.discoveryUrl} names the issuer ${JSON.stringify(document.issuer)}, not ${JSON.stringify(this.options.issuer)}`);
    }
    if (typeof document.jwks_uri !== 'string') throw new Error(`discovery at ${this.options.discoveryUrl} has no jwks_uri`);
    return { jwksUri: new URL(document.jwks_uri) };
  }
}
