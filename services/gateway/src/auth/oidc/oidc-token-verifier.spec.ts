import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { AccessRoleError, AccessTokenError } from '../access-errors';
import { verifyOidcAccessToken, type OidcTokenPolicy } from './oidc-token-verifier';

const ISSUER = 'https://login.bank.example/realms/segmentation';
const POLICY: OidcTokenPolicy = {
  issuer: ISSUER,
  audience: 'segmentation-gateway',
  algorithms: ['RS256', 'ES256'],
  roles: { claim: 'roles', names: { viewer: ['segmentation-viewer'], analyst: ['segmentation-analyst'], admin: ['segmentation-admin'] }, withoutRole: 'refuse' },
  nameClaim: 'preferred_username',
  lifetime: { maxTtlSeconds: 86_400, clockSkewSeconds: 30 },
};

describe(verifyOidcAccessToken.name, () => {
  const keys: Record<'RS256' | 'ES256', { privateKey: KeyLike; jwk: JWK }> = {} as never;
  let getKey: ReturnType<typeof createLocalJWKSet>;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    iss: ISSUER,
    aud: 'segmentation-gateway',
    sub: '0b6f-ana',
    preferred_username: 'ana',
    roles: ['offline_access', 'segmentation-analyst'],
    iat: now(),
    exp: now() + 300,
    ...overrides,
  });
  const sign = (payload: JWTPayload, alg: 'RS256' | 'ES256' = 'RS256', kid = alg) => new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(keys[alg].privateKey);

  beforeAll(async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const pair = await generateKeyPair(alg);
      keys[alg] = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: alg, alg, use: 'sig' } };
    }
    getKey = createLocalJWKSet({ keys: [keys.RS256.jwk, keys.ES256.jwk] });
  });

  it('should give the subject, the preferred user name and the mapped role when an RS256 or ES256 token is valid', async () => {
    await expect(verifyOidcAccessToken(await sign(claims()), getKey, POLICY)).resolves.toEqual({ sub: '0b6f-ana', name: 'ana', role: 'analyst' });
    await expect(verifyOidcAccessToken(await sign(claims({ roles: ['segmentation-admin'] }), 'ES256'), getKey, POLICY)).resolves.toMatchObject({ role: 'admin' });
  });

  it('should accept an audience list that includes the API, and use the subject when there is no user name', async () => {
    const token = await sign(claims({ aud: ['account', 'segmentation-gateway'], preferred_username: undefined }));
    await expect(verifyOidcAccessToken(token, getKey, POLICY)).resolves.toEqual({ sub: '0b6f-ana', name: '0b6f-ana', role: 'analyst' });
  });

  it('should refuse a token of another issuer, naming both, before looking for its key', async () => {
    const lookups = jest.fn(getKey);
    const token = await sign(claims({ iss: 'https://evil.example/realms/segmentation' }));

    await expect(verifyOidcAccessToken(token, lookups, POLICY)).rejects.toThrow(
      new AccessTokenError(`access token invalid: issued by "https://evil.example/realms/segmentation", expected "${ISSUER}"`),
    );
    expect(lookups).not.toHaveBeenCalled();
  });

  it('should refuse a token meant for another API', async () => {
    await expect(verifyOidcAccessToken(await sign(claims({ aud: 'account' })), getKey, POLICY)).rejects.toThrow(
      new AccessTokenError('access token invalid: not meant for this API (aud "account", expected "segmentation-gateway")'),
    );
    await expect(verifyOidcAccessToken(await sign(claims({ aud: undefined })), getKey, POLICY)).rejects.toThrow(/not meant for this API \(aud null/);
  });

  it('should refuse an expired token, and accept one expired within the clock skew', async () => {
    await expect(verifyOidcAccessToken(await sign(claims({ iat: now() - 400, exp: now() - 31 })), getKey, POLICY)).rejects.toThrow(new AccessTokenError('access token expired'));
    await expect(verifyOidcAccessToken(await sign(claims({ iat: now() - 400, exp: now() - 10 })), getKey, POLICY)).resolves.toMatchObject({ role: 'analyst' });
  });

  it('should refuse a token not valid yet (nbf) beyond the clock skew', async () => {
    await expect(verifyOidcAccessToken(await sign(claims({ nbf: now() + 120 })), getKey, POLICY)).rejects.toThrow(/^access token invalid: "nbf" claim timestamp check failed/);
  });

  it('should refuse an unsigned token, a shared-secret one and garbage, naming why', async () => {
    const unsigned = new UnsecuredJWT(claims()).encode();
    const hs256 = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('k'.repeat(32)));

    await expect(verifyOidcAccessToken(unsigned, getKey, POLICY)).rejects.toThrow(new AccessTokenError('access token invalid: algorithm "none" is not accepted (RS256, ES256)'));
    await expect(verifyOidcAccessToken(hs256, getKey, POLICY)).rejects.toThrow(new AccessTokenError('access token invalid: algorithm "HS256" is not accepted (RS256, ES256)'));
    await expect(verifyOidcAccessToken('not.a.jwt', getKey, POLICY)).rejects.toThrow(/^access token invalid: not a signed JWT/);
  });

  it('should refuse a token whose signature does not match its key', async () => {
    const token = await sign(claims());
    const [header, payload] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify(claims({ roles: ['segmentation-admin'] }))).toString('base64url')}.${token.split('.')[2]}`;

    expect(payload).not.toBe(forged.split('.')[1]);
    await expect(verifyOidcAccessToken(forged, getKey, POLICY)).rejects.toThrow(/^access token invalid: signature verification failed/);
  });

  it('should refuse a token without a subject or living longer than the maximum', async () => {
    await expect(verifyOidcAccessToken(await sign(claims({ sub: undefined })), getKey, POLICY)).rejects.toThrow(/^access token invalid: missing required "sub" claim/);
    await expect(verifyOidcAccessToken(await sign(claims({ exp: now() + 2 * 86_400 })), getKey, POLICY)).rejects.toThrow(/lifetime of 2d exceeds the maximum of 24h/);
  });

  it('should refuse with a role error (403) a valid token without a platform role, unless such callers are viewers', async () => {
    const token = await sign(claims({ roles: ['offline_access'] }));

    await expect(verifyOidcAccessToken(token, getKey, POLICY)).rejects.toThrow(AccessRoleError);
    await expect(verifyOidcAccessToken(token, getKey, { ...POLICY, roles: { ...POLICY.roles, withoutRole: 'viewer' } })).resolves.toMatchObject({ role: 'viewer' });
  });
});
