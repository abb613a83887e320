import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_REALM, localKeycloakUrl, realmIssuer } from '../local-realm';
import { KeycloakAdmin } from './keycloak-admin';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
/** The realm the stack imports: the tests use it as it is, under another name. */
export const REALM_FILE = join(ROOT, 'scripts', 'stack', 'keycloak', 'segmentation-realm.json');

/**
 * The stack's Keycloak, started (and installed on first use) if it is not running: `scripts/stack.sh up keycloak`,
 * which returns at once when it is up. Tests call it in their `beforeAll`, so CI needs no step of its own.
 */
export async function ensureKeycloak(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  try {
    await promisify(execFile)('bash', [join(ROOT, 'scripts', 'stack.sh'), 'up', 'keycloak'], { cwd: ROOT, env, timeout: 900_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`scripts/stack.sh up keycloak failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
  return localKeycloakUrl(env);
}

export interface ThrowawayRealm {
  readonly name: string;
  readonly issuer: string;
  readonly admin: KeycloakAdmin;
  delete(): Promise<void>;
}

export interface ThrowawayRealmOptions {
  readonly baseUrl?: string;
  readonly prefix?: string;
  /** Lets tests sign users in without a browser: the resource owner password grant on the web client (never in the real realm). */
  readonly passwordGrant?: boolean;
  /** A shorter access token lifetime for the web client only, to see the browser renew its token. */
  readonly webAccessTokenLifespanSeconds?: number;
  /** Where the web client under test is served (its redirect URIs and CORS origin), instead of the demo's :8080. */
  readonly webOrigin?: string;
  /** Clients and users added to the import (realm export format), e.g. a client without the audience mapper. */
  readonly clients?: readonly Record<string, unknown>[];
  readonly users?: readonly Record<string, unknown>[];
}

type RealmExport = { clients: Record<string, unknown>[]; users: Record<string, unknown>[] } & Record<string, unknown>;

/** The repository's realm file, parsed: tests derive their clients from its own. */
export function readRealmFile(): RealmExport {
  return JSON.parse(readFileSync(REALM_FILE, 'utf8')) as RealmExport;
}

/**
 * The repository's realm imported under a new name (`it-<hex>`), so a test can rotate keys or add clients without
 * touching the realm of `npm run demo -- --oidc` or another test.
 */
export async function createThrowawayRealm(options: ThrowawayRealmOptions = {}): Promise<ThrowawayRealm> {
  const baseUrl = options.baseUrl ?? localKeycloakUrl();
  const admin = await KeycloakAdmin.connect(baseUrl, process.env.KEYCLOAK_ADMIN || 'admin', process.env.KEYCLOAK_ADMIN_PASSWORD || 'admin');
  const name = `${options.prefix ?? 'it'}-${randomBytes(4).toString('hex')}`;
  const realm = readRealmFile();
  const web = realm.clients.find((client) => client.clientId === LOCAL_REALM.webClientId) as {
    directAccessGrantsEnabled?: boolean;
    attributes: Record<string, string>;
    redirectUris: string[];
    webOrigins: string[];
  };
  if (options.webOrigin !== undefined) {
    web.redirectUris = [`${options.webOrigin}/*`];
    web.webOrigins = [options.webOrigin];
  }
  if (options.passwordGrant) web.directAccessGrantsEnabled = true;
  if (options.webAccessTokenLifespanSeconds !== undefined) web.attributes['access.token.lifespan'] = String(options.webAccessTokenLifespanSeconds);
  await admin.createRealm({ ...realm, realm: name, clients: [...realm.clients, ...(options.clients ?? [])], users: [...realm.users, ...(options.users ?? [])] });
  return { name, issuer: realmIssuer(baseUrl, name), admin, delete: () => admin.deleteRealm(name) };
}
