import { fetchRetryingConnection } from '../fetch-retrying-connection';
import { renewingToken, type TokenResponse } from '../oidc-token-client';

/** Keycloak's admin REST API, the few calls the tests need: realms, clients, signing keys. */
export class KeycloakAdmin {
  private constructor(
    readonly baseUrl: string,
    // The master realm's tokens live a minute: a test outlasts several.
    private readonly token: () => Promise<string>,
  ) {}

  /** Signs in as the master realm's administrator (KEYCLOAK_ADMIN / KEYCLOAK_ADMIN_PASSWORD of the stack). */
  static async connect(baseUrl: string, username: string, password: string): Promise<KeycloakAdmin> {
    const signIn = async (): Promise<TokenResponse> => {
      const response = await fetchRetryingConnection(`${baseUrl}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
      });
      if (!response.ok) throw new Error(`Keycloak admin sign-in at ${baseUrl} failed: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as TokenResponse;
    };
    const token = renewingToken(signIn, 15);
    await token();
    return new KeycloakAdmin(baseUrl, token);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let retried = false;
    const response = await fetchRetryingConnection(
      `${this.baseUrl}/admin/realms${path}`,
      {
        method,
        headers: { authorization: `Bearer ${await this.token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      () => (retried = true),
    );
    // A creation whose first attempt was applied before the connection broke: what was asked for exists.
    if (retried && method === 'POST' && response.status === 409) return undefined as T;
    if (!response.ok) throw new Error(`Keycloak admin ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** Imports a realm (a realm export, e.g. the repository's file with another name). */
  createRealm(realm: Record<string, unknown>): Promise<void> {
    return this.call('POST', '', realm);
  }

  deleteRealm(name: string): Promise<void> {
    return this.call('DELETE', `/${encodeURIComponent(name)}`);
  }

  /** The realm's active keys, by algorithm, with their key ids and priorities. */
  async activeKeys(realm: string): Promise<{ kid: string; algorithm: string; priority: number; providerId: string }[]> {
    const { keys } = await this.call<{ keys: { kid: string; algorithm: string; status: string; providerPriority: number; providerId: string }[] }>('GET', `/${realm}/keys`);
    return keys.filter((key) => key.status === 'ACTIVE').map((key) => ({ kid: key.kid, algorithm: key.algorithm, priority: key.providerPriority, providerId: key.providerId }));
  }

  /**
   * Rotates the realm's signing key: a new generated RSA key provider of a higher priority than every other,
   * which signs from now on (the old key stays published, as after a real rotation). Returns its key id.
   */
  async rotateRsaKey(realm: string): Promise<string> {
    const before = await this.activeKeys(realm);
    const priority = Math.max(0, ...before.map((key) => key.priority)) + 100;
    const { id: realmId } = await this.call<{ id: string }>('GET', `/${realm}`);
    await this.call('POST', `/${realm}/components`, {
      name: `rotated-${priority}`,
      providerId: 'rsa-generated',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId: realmId,
      config: { priority: [String(priority)], enabled: ['true'], active: ['true'], algorithm: ['RS256'], keySize: ['2048'] },
    });
    const added = (await this.activeKeys(realm)).find((key) => key.algorithm === 'RS256' && key.priority === priority);
    if (!added) throw new Error(`the rotated RS256 key of realm ${realm} is not active`);
    return added.kid;
  }
}
