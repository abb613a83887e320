import { ConfigError } from '@seg/config';
import { gatewaySubgraphSecret } from '@seg/nest';
import { loadGatewayConfig, subgraphUrlsOf, tokenLifetimePolicyOf } from './gateway.config';

describe('loadGatewayConfig', () => {
  it('should use the local secrets and subgraph addresses when nothing is set outside production', () => {
    const config = loadGatewayConfig({});

    expect(config.GATEWAY_JWT_SECRET.length).toBeGreaterThanOrEqual(32);
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
    expect(load).toThrow(/GATEWAY_JWT_SECRET is required[\s\S]*GATEWAY_SUBGRAPH_SECRET is required/);
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
});
