import type { GraphqlResult } from '@seg/contracts';
import { clientCredentialsToken, LOCAL_REALM, passwordToken, realmIssuer } from '@seg/identity';
import { createThrowawayRealm, ensureKeycloak, readRealmFile, type ThrowawayRealm } from '@seg/identity/testing';
import { FEATURE_NAMES } from '@seg/ml';
import { postSubgraphGraphql, type ServiceProcess } from '@seg/nest/testing';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { loadGatewayConfig } from './config/gateway.config';
import { startGatewayServer, type RunningGateway } from './http/gateway-server';
import { composeSupergraph } from './supergraph/compose-supergraph';
import { corsPreflight } from './testing/cors-preflight';
import { IsolatedSubgraphs } from './testing/isolated-subgraphs';
import { TcpRelay } from './testing/tcp-relay';
import { CSV_UPLOAD_PATH } from './upload/csv-upload.route';

// Keycloak may have to be installed and started first (about 1 min to download, 20 s to 2 min to start).
jest.setTimeout(120_000);

interface Answer<T = Record<string, unknown>> extends GraphqlResult<T> {
  readonly status: number;
}

/** Test clients added to the throwaway realm, derived from the realm file's machine client. */
function testClients() {
  const machine = readRealmFile().clients.find((client) => client.clientId === LOCAL_REALM.machineClient.clientId) as Record<string, unknown> & {
    protocolMappers: { protocolMapper: string }[];
  };
  const noAudience = {
    ...machine,
    clientId: 'it-no-audience',
    secret: 'it-no-audience-secret',
    protocolMappers: machine.protocolMappers.filter((mapper) => mapper.protocolMapper !== 'oidc-audience-mapper'),
  };
  // Keycloak's per-client access token lifespan, in seconds.
  const shortLived = { ...machine, clientId: 'it-short-lived', secret: 'it-short-lived-secret', attributes: { 'access.token.lifespan': '2' } };
  const serviceAccount = (clientId: string) => ({ username: `service-account-${clientId}`, enabled: true, serviceAccountClientId: clientId, realmRoles: ['segmentation-analyst'] });
  return {
    clients: [noAudience, shortLived],
    users: [
      serviceAccount('it-no-audience'),
      serviceAccount('it-short-lived'),
      // A person the provider knows who holds none of the platform's roles.
      { username: 'nora', enabled: true, firstName: 'Nora', lastName: 'Norole', email: 'nora@segmentation.test', emailVerified: true, credentials: [{ type: 'password', value: 'segmentation', temporary: false }] },
    ],
  };
}

describe('gateway with AUTH_MODE=oidc against Keycloak', () => {
  const subgraphSecret = `it-${randomUUID()}`;
  const subgraphs = new IsolatedSubgraphs({ GATEWAY_SUBGRAPH_SECRET: subgraphSecret });
  let keycloakUrl: string;
  let realm: ThrowawayRealm;
  let relay: TcpRelay;
  let offers: ServiceProcess;
  let ingestion: ServiceProcess;
  let gateway: RunningGateway;

  const machineToken = async (client: { clientId: string; clientSecret: string } = LOCAL_REALM.machineClient, issuer = realm.issuer) =>
    (await clientCredentialsToken({ issuer, ...client })).access_token;
  const userToken = async (username: string) =>
    (await passwordToken({ issuer: realm.issuer, clientId: LOCAL_REALM.webClientId, username, password: LOCAL_REALM.password })).access_token;
  const post = async <T>(token: string, query: string, variables?: Record<string, unknown>): Promise<Answer<T>> => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
  const me = async (token: string) => {
    const response = await fetch(`${gateway.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ready = async () => {
    const response = await fetch(`${gateway.url}/ready`);
    return { status: response.status, body: (await response.json()) as { status: string; identityProvider?: string } };
  };
  /** A 401's one line: no stack frame, no source path, no second line. */
  const expectUnauthenticated = (answer: Answer<unknown>, reason: RegExp) => {
    expect({ status: answer.status, code: answer.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(answer.errors?.[0]?.message).toMatch(reason);
    expect(answer.errors?.[0]?.message).not.toMatch(/\n|\bat \S+ \(|\.[jt]s:\d+/);
    expect(answer.data).toBeUndefined();
  };

  beforeAll(async () => {
    const started = performance.now();
    keycloakUrl = await ensureKeycloak();
    console.log(`keycloak: ready after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    realm = await createThrowawayRealm({ passwordGrant: true, ...testClients() });
    // The gateway reaches the provider through a relay the tests can cut; the tokens' issuer stays Keycloak's own address.
    const { hostname, port } = new URL(keycloakUrl);
    relay = new TcpRelay(hostname, Number(port));
    await relay.open();
    // Ingestion only behind the CSV upload route, which the supergraph does not need.
    ({ offers, ingestion } = await subgraphs.start(['offers', 'ingestion']));
    const sdl = (await postSubgraphGraphql<{ data: { _service: { sdl: string } } }>(offers.url, subgraphSecret, '{ _service { sdl } }')).data._service.sdl;
    const config = loadGatewayConfig({
      GATEWAY_PORT: '0',
      GATEWAY_METRICS_PORT: '0',
      AUTH_MODE: 'oidc',
      GATEWAY_OIDC_ISSUER: realm.issuer,
      GATEWAY_OIDC_DISCOVERY_URL: `${relay.url}/realms/${realm.name}/.well-known/openid-configuration`,
      GATEWAY_OIDC_JWKS_COOLDOWN: '1s',
      GATEWAY_CLOCK_SKEW: '1s',
      GATEWAY_SUBGRAPH_SECRET: subgraphSecret,
      GATEWAY_READY_TIMEOUT_MS: '1000',
      GATEWAY_CORS_ORIGINS: 'http://127.0.0.1:8080',
      OFFERS_URL: `${offers.url}/graphql`,
      INGESTION_URL: `${ingestion.url}/graphql`,
    });
    gateway = await startGatewayServer(config, { supergraphSdl: composeSupergraph([{ name: 'offers', url: `${offers.url}/graphql`, sdl }]), log: () => undefined });
  }, 900_000);

  afterAll(async () => {
    await gateway?.stop();
    await relay?.cut();
    await subgraphs.close();
    await realm?.delete();
  });

  it('should accept a machine client-credentials token and map its role (analyst), refusing it an admin mutation with 403', async () => {
    const token = await machineToken();
    const read = await post<{ offers: { segmentId: string }[] }>(token, '{ offers { segmentId } }');
    const write = await post(token, 'mutation { updateOffer(segmentId: "revolvers", input: { title: "By a machine" }) { title } }');

    expect(read.status).toBe(200);
    expect(read.data?.offers.map((offer) => offer.segmentId)).toContain('revolvers');
    expect(await me(token)).toEqual({ status: 200, body: { sub: decodeJwt(token).sub, name: 'service-account-segmentation-machine', role: 'analyst' } });
    expect({ status: write.status, code: write.errors?.[0]?.extensions?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it("should answer the web client's preflight for /me from its origin only", async () => {
    const request = { method: 'GET', headers: 'authorization' };
    const web = await corsPreflight(`${gateway.url}/me`, 'http://127.0.0.1:8080', request);
    const stranger = await corsPreflight(`${gateway.url}/me`, 'https://evil.example', request);

    expect(web).toEqual({ status: 204, allowOrigin: 'http://127.0.0.1:8080', allowHeaders: expect.stringContaining('authorization') });
    expect(stranger.allowOrigin).toBeNull();
  });

  it('should let the operator client (admin) update an offer, audited under its subject and user name', async () => {
    const token = await machineToken(LOCAL_REALM.operatorClient);
    const title = `Balance transfer ${randomUUID().slice(0, 8)}`;
    const update = await post<{ updateOffer: { title: string; updatedBy: string } }>(token, 'mutation ($title: String!) { updateOffer(segmentId: "revolvers", input: { title: $title }) { title updatedBy } }', { title });
    const audit = await post<{ offerAudit: { changedBy: string; changedByName: string; after: { title: string } }[] }>(token, '{ offerAudit(segmentId: "revolvers", first: 1) { changedBy changedByName after { title } } }');

    expect(update.errors).toBeUndefined();
    expect(update.data?.updateOffer).toEqual({ title, updatedBy: decodeJwt(token).sub });
    expect(audit.data?.offerAudit).toEqual([{ changedBy: decodeJwt(token).sub, changedByName: 'service-account-segmentation-operator', after: { title } }]);
  });

  it('should let the operator client (admin) upload customers, and refuse the upload to the analyst client and to a user without a role', async () => {
    const csv = `${['CUST_ID', ...FEATURE_NAMES].join(',')}\nOIDC-${randomUUID().slice(0, 8)},${FEATURE_NAMES.map((name) => (name === 'TENURE' ? '12' : '1')).join(',')}\n`;
    const upload = async (token: string) => {
      const response = await fetch(new URL(CSV_UPLOAD_PATH, gateway.url), { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body: csv });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> & Pick<Answer, 'errors'> };
    };
    const admin = await upload(await machineToken(LOCAL_REALM.operatorClient));
    const analyst = await upload(await machineToken());
    const noRole = await upload(await userToken('nora'));

    expect(admin).toMatchObject({ status: 200, body: { status: 'completed', read: 1, accepted: 1, inserted: 1 } });
    expect({ status: analyst.status, code: analyst.body.errors?.[0]?.extensions?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(analyst.body.errors?.[0]?.message).toBe("Forbidden: uploading customers needs the admin role, the token's is analyst");
    expect({ status: noRole.status, code: noRole.body.errors?.[0]?.extensions?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it.each([
    ['vera', 'viewer'],
    ['alan', 'analyst'],
    ['ada', 'admin'],
  ])('should map the groups of %s, signed in with a password (test realm only), to the %s role', async (username, role) => {
    const token = await userToken(username);

    expect(await me(token)).toEqual({ status: 200, body: { sub: decodeJwt(token).sub, name: username, role } });
  });

  it('should refuse with 403 naming the claim a valid token of a user without any platform role', async () => {
    const token = await userToken('nora');
    const answer = await post(token, '{ offers { segmentId } }');

    expect(answer.status).toBe(403);
    expect(answer.errors?.[0]).toMatchObject({ message: expect.stringMatching(/"roles" claim holds none of the platform's roles/), extensions: { code: 'FORBIDDEN' } });
  });

  it('should refuse with 401 a token for another audience, of another issuer, expired or unsigned, each with its reason', async () => {
    const otherAudience = await machineToken({ clientId: 'it-no-audience', clientSecret: 'it-no-audience-secret' });
    // The stack's own realm: the same Keycloak, another issuer.
    const otherIssuer = await machineToken(LOCAL_REALM.machineClient, realmIssuer(keycloakUrl));
    const shortLived = await machineToken({ clientId: 'it-short-lived', clientSecret: 'it-short-lived-secret' });
    const valid = await machineToken();
    const [, payload] = valid.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;

    expectUnauthenticated(await post(otherAudience, '{ offers { segmentId } }'), /^Unauthenticated: access token invalid: not meant for this API/);
    expectUnauthenticated(await post(otherIssuer, '{ offers { segmentId } }'), new RegExp(`issued by "${realmIssuer(keycloakUrl)}", expected "${realm.issuer}"`));
    expectUnauthenticated(await post(unsigned, '{ offers { segmentId } }'), /algorithm "none" is not accepted/);
    expectUnauthenticated(await post('eyJhbGciOi.garbage', '{ offers { segmentId } }'), /not a signed JWT/);
    // Lifespan 2 s, clock skew 1 s.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ((decodeJwt(shortLived).exp as number) + 1.5) * 1000 - Date.now())));
    expectUnauthenticated(await post(shortLived, '{ offers { segmentId } }'), /^Unauthenticated: access token expired$/);
  });

  it('should accept tokens of a key rotated in the provider (new key id), and refuse a key id the provider never had', async () => {
    const before = decodeProtectedHeader(await machineToken()).kid;
    const rotated = await realm.admin.rotateRsaKey(realm.name);
    const token = await machineToken();
    const { privateKey } = await generateKeyPair('RS256');
    const stranger = await new SignJWT({ roles: ['segmentation-admin'], preferred_username: 'mallory' })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-a-key-of-the-provider' })
      .setIssuer(realm.issuer)
      .setAudience(LOCAL_REALM.audience)
      .setSubject('mallory')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

    expect(decodeProtectedHeader(token).kid).toBe(rotated);
    expect(rotated).not.toBe(before);
    expect((await post(token, '{ offers { segmentId } }')).status).toBe(200);
    expectUnauthenticated(await post(stranger, '{ offers { segmentId } }'), /signed with an unknown key \(kid "not-a-key-of-the-provider"\)/);
  });

  it('should keep verifying with the cached keys while the provider cannot be reached, refuse unknown key ids, and say so in /ready', async () => {
    const token = await machineToken();
    expect((await ready()).body.identityProvider).toMatch(/^up \(\d+ keys\)$/);
    // Signed by a new key the gateway has not fetched: after the cut it cannot look it up.
    await realm.admin.rotateRsaKey(realm.name);
    const unseen = await machineToken();

    await relay.cut();
    try {
      const cached = await post(token, '{ offers { segmentId } }');
      const state = await ready();
      // Past the cooldown, an unknown kid makes the gateway try the provider again.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const refused = await post(unseen, '{ offers { segmentId } }');

      expect(cached.status).toBe(200);
      expect(state.status).toBe(200);
      expect(state.body.identityProvider).toMatch(/^down: ECONNREFUSED; verifying with the \d+ keys fetched at \d{4}-/);
      expectUnauthenticated(refused, /signed with an unknown key .* and the identity provider cannot be reached to look for it/);
    } finally {
      await relay.open();
    }
    expect((await ready()).body.identityProvider).toMatch(/^up \(\d+ keys\)$/);
    expect((await post(unseen, '{ offers { segmentId } }')).status).toBe(200);
  });
});
