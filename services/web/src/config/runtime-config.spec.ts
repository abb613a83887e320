import { loadRuntimeConfig, RuntimeConfigError } from './runtime-config';

const origin = 'http://127.0.0.1:8080';
const OIDC = { mode: 'oidc', authority: 'http://127.0.0.1:8180/realms/segmentation', clientId: 'segmentation-web' };

describe('loadRuntimeConfig', () => {
  it('should take the gateway from ?gateway= over config.json, and the sign-in from config.json', async () => {
    const config = await loadRuntimeConfig({ origin, search: '?gateway=http%3A%2F%2F127.0.0.1%3A4999%2Fgraphql' }, async () => ({ gatewayUrl: 'http://ignored/graphql', auth: OIDC }));
    expect(config).toEqual({ gatewayUrl: 'http://127.0.0.1:4999/graphql', auth: { ...OIDC, scope: 'openid profile' } });
  });

  it('should read config.json beside the page, local sign-in when it names none', async () => {
    const fetched: string[] = [];
    const config = await loadRuntimeConfig({ origin, search: '' }, async (url) => {
      fetched.push(url);
      return { gatewayUrl: 'http://127.0.0.1:4000/graphql' };
    });
    expect(config).toEqual({ gatewayUrl: 'http://127.0.0.1:4000/graphql', auth: { mode: 'local' } });
    expect(fetched).toEqual([`${origin}/config.json`]);
  });

  it('should keep local sign-in when config.json is missing but the query names the gateway', async () => {
    const config = await loadRuntimeConfig({ origin, search: '?gateway=http%3A%2F%2F127.0.0.1%3A4999%2Fgraphql' }, async () => Promise.reject(new Error('404')));
    expect(config.auth).toEqual({ mode: 'local' });
  });

  it('should fail with a sentence when config.json is missing or has no gatewayUrl', async () => {
    await expect(loadRuntimeConfig({ origin, search: '' }, async () => Promise.reject(new Error('404')))).rejects.toThrow(RuntimeConfigError);
    await expect(loadRuntimeConfig({ origin, search: '' }, async () => ({}))).rejects.toThrow('config.json is missing or has no gatewayUrl');
  });

  it('should fail with a sentence when the OIDC settings are incomplete or the mode unknown', async () => {
    const withAuth = (auth: object) => loadRuntimeConfig({ origin, search: '' }, async () => ({ gatewayUrl: 'http://127.0.0.1:4000/graphql', auth }));
    await expect(withAuth({ mode: 'oidc', authority: OIDC.authority })).rejects.toThrow('auth.mode oidc needs auth.authority (the issuer) and auth.clientId');
    await expect(withAuth({ mode: 'saml' })).rejects.toThrow('auth.mode must be local or oidc, got "saml"');
  });
});
