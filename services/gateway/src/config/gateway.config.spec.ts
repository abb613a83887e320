import { ConfigError } from '@seg/config';
import { gatewaySubgraphSecret } from '@seg/nest';
import { discoveryUrlOf, loadGatewayConfig, redactGatewayConfig, roleMappingOf, subgraphUrlsOf, tokenLifetimePolicyOf, type OidcAuthConfig } from './gateway.config';

describe('loadGatewayConfig', () => {
  it('should use the local secrets and subgraph addresses when nothing is set outside production', () => {
    const config = loadGatewayConfig({});

    expect(config.auth).toMatchObject({ mode: 'local', GATEWAY_JWT_SECRET: expect.stringMatching(/^.{32,}$/) });
    // The subgraphs resolve the same development value, so a local run is guarded without any setting.
    expect(config.GATEWAY_SUBGRAPH_SECRET).toBe(gatewaySubgraphSecret({}));
    expect(subgraphUrlsOf(config)).toEqual({
      ingestion: 'http://127.0.0.1:4001/graphql',
      training: 'http://127.0.0.1:4002/graphql',
      scoring: 'http://127.0.0.1:4003/graphql',
      offers: 'http://127.0.0.1:4004/graphql',
    });
  });

  it('should refuse to start and name both secrets when they are unset in production', () => {
    const load = () => loadGatewayConfig({ NODE_ENV: 'production' });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/GATEWAY_SUBGRAPH_SECRET is required[\s\S]*GATEWAY_JWT_SECRET is required/);
  });

  it('should refuse a short JWT secret without printing it', () => {
    expect(() => loadGatewayConfig({ GATEWAY_JWT_SECRET: 'short-secret' })).toThrow(/GATEWAY_JWT_SECRET must be at least 32 characters/);
    expect(() => loadGatewayConfig({ GATEWAY_JWT_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('should refuse development introspection when NODE_ENV is production', () => {
    const secrets = { GATEWAY_JWT_SECRET: 'x'.repeat(40), GATEWAY_SUBGRAPH_SECRET: 'y'.repeat(40) };

    expect(() => loadGatewayConfig({ ...secrets, NODE_ENV: 'production', GATEWAY_DEV_INTROSPECT: 'true' })).toThrow(/GATEWAY_DEV_INTROSPECT is for development only/);
    expect(loadGatewayConfig({ ...secrets, GATEWAY_DEV_INTROSPECT: 'true' }).GATEWAY_DEV_INTROSPECT).toBe(true);
  });

  it('should read the maximum token lifetime as a time span, 24h unless set', () => {
    expect(tokenLifetimePolicyOf(loadGatewayConfig({}))).toEqual({ maxTtlSeconds: 86_400, clockSkewSeconds: 60 });
    expect(loadGatewayConfig({ GATEWAY_MAX_TOKEN_TTL: '2h' }).GATEWAY_MAX_TOKEN_TTL).toBe(7_200);
    expect(() => loadGatewayConfig({ GATEWAY_MAX_TOKEN_TTL: '3600' })).toThrow(/GATEWAY_MAX_TOKEN_TTL must be a time span such as 90s, 30m, 12h or 7d, got '3600'/);
  });

  describe('AUTH_MODE=oidc', () => {
    const ISSUER = 'https://login.bank.example/realms/segmentation';
    const oidc = (env: NodeJS.ProcessEnv) => loadGatewayConfig({ AUTH_MODE: 'oidc', ...env }).auth as OidcAuthConfig;

    it('should need only the issuer, with defaults for the audience, algorithms, role claim and role names', () => {
      const auth = oidc({ GATEWAY_OIDC_ISSUER: ISSUER });

      expect(auth).toMatchObject({ mode: 'oidc', GATEWAY_OIDC_AUDIENCE: 'segmentation-gateway', GATEWAY_OIDC_ALGORITHMS: ['RS256', 'ES256'], GATEWAY_OIDC_NAME_CLAIM: 'preferred_username' });
      expect(roleMappingOf(auth)).toEqual({
        claim: 'roles',
        names: { viewer: ['segmentation-viewer'], analyst: ['segmentation-analyst'], admin: ['segmentation-admin'] },
        withoutRole: 'refuse',
      });
      expect(discoveryUrlOf(auth)).toBe(`${ISSUER}/.well-known/openid-configuration`);
    });

    it('should read another claim path, role names and discovery address when they are set', () => {
      const auth = oidc({
        GATEWAY_OIDC_ISSUER: `${ISSUER}/`,
        GATEWAY_OIDC_ROLE_CLAIM: 'realm_access.roles',
        GATEWAY_OIDC_ADMIN_ROLES: 'platform-admins, seg-admin',
        GATEWAY_OIDC_WITHOUT_ROLE: 'viewer',
        GATEWAY_OIDC_DISCOVERY_URL: 'http://keycloak.identity.svc:8080/realms/segmentation/.well-known/openid-configuration',
      });

      expect(roleMappingOf(auth)).toMatchObject({ claim: 'realm_access.roles', names: { admin: ['platform-admins', 'seg-admin'] }, withoutRole: 'viewer' });
      expect(discoveryUrlOf(auth)).toBe('http://keycloak.identity.svc:8080/realms/segmentation/.well-known/openid-configuration');
      expect(discoveryUrlOf({ ...auth, GATEWAY_OIDC_DISCOVERY_URL: '' })).toBe(`${ISSUER}/.well-known/openid-configuration`);
    });

    it('should not need a JWT secret in production, and name a missing issuer and a shared-secret algorithm together', () => {
      const production = { NODE_ENV: 'production', GATEWAY_SUBGRAPH_SECRET: 'y'.repeat(40) };

      expect(oidc({ ...production, GATEWAY_OIDC_ISSUER: ISSUER })).not.toHaveProperty('GATEWAY_JWT_SECRET');
      expect(() => oidc({ ...production, GATEWAY_OIDC_ALGORITHMS: 'RS256,HS256' })).toThrow(/GATEWAY_OIDC_ISSUER is required[\s\S]*GATEWAY_OIDC_ALGORITHMS must list public-key algorithms only .*got HS256/);
    });

    it('should refuse an unknown AUTH_MODE or way of treating tokens without a role', () => {
      expect(() => loadGatewayConfig({ AUTH_MODE: 'saml' })).toThrow(/AUTH_MODE must be one of local, oidc, got 'saml'/);
      expect(() => oidc({ GATEWAY_OIDC_ISSUER: ISSUER, GATEWAY_OIDC_WITHOUT_ROLE: 'admin' })).toThrow(/GATEWAY_OIDC_WITHOUT_ROLE must be one of refuse, viewer/);
    });

    it('should print the settings of the mode in use and mask the local secret', () => {
      expect(redactGatewayConfig(loadGatewayConfig({ AUTH_MODE: 'oidc', GATEWAY_OIDC_ISSUER: ISSUER }))).toMatchObject({ AUTH_MODE: 'oidc', GATEWAY_OIDC_ISSUER: ISSUER });
      expect(redactGatewayConfig(loadGatewayConfig({}))).toMatchObject({ AUTH_MODE: 'local', GATEWAY_JWT_SECRET: '***' });
    });
  });
});
