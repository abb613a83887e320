import { ConfigError } from '@seg/config';
import { GATEWAY_SECRET_HEADER } from '@seg/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gatewaySecretMatches, gatewaySecretMiddleware, gatewaySubgraphSecret, GatewaySecretModule } from './gateway-secret.middleware';

function call(headers: IncomingMessage['headers']) {
  const response = { status: 0, body: '', writeHead(status: number) { this.status = status; return this; }, end(body: string) { this.body = body; } };
  let passed = false;
  gatewaySecretMiddleware('s3cret')({ headers } as IncomingMessage, response as unknown as ServerResponse, () => {
    passed = true;
  });
  return { passed, status: response.status, body: response.body };
}

describe('gatewaySecretMatches', () => {
  it('should match only the exact secret when compared', () => {
    expect(gatewaySecretMatches('s3cret', 's3cret')).toBe(true);
    expect(gatewaySecretMatches('s3cret', 's3cre')).toBe(false);
    expect(gatewaySecretMatches('s3cret', 's3cret ')).toBe(false);
    expect(gatewaySecretMatches('s3cret', '')).toBe(false);
  });

  it('should refuse a missing or repeated header when compared', () => {
    expect(gatewaySecretMatches('s3cret', undefined)).toBe(false);
    expect(gatewaySecretMatches('s3cret', ['s3cret', 's3cret'])).toBe(false);
  });
});

describe('gatewaySecretMiddleware', () => {
  it('should pass the request on when it carries the secret', () => {
    expect(call({ [GATEWAY_SECRET_HEADER]: 's3cret' })).toEqual({ passed: true, status: 0, body: '' });
  });

  it('should answer 403 with a FORBIDDEN GraphQL error and not pass the request on when the secret is wrong', () => {
    const result = call({ [GATEWAY_SECRET_HEADER]: 'guess' });
    expect(result.passed).toBe(false);
    expect(result.status).toBe(403);
    expect(JSON.parse(result.body).errors[0].extensions).toEqual({ code: 'FORBIDDEN' });
  });
});

describe('gatewaySubgraphSecret', () => {
  it('should give every local process the same development secret when the variable is unset or empty', () => {
    expect(gatewaySubgraphSecret({})).toBe(gatewaySubgraphSecret({ GATEWAY_SUBGRAPH_SECRET: '' }));
    expect(gatewaySubgraphSecret({}).length).toBeGreaterThanOrEqual(16);
  });

  it('should refuse production without the secret, naming the variable', () => {
    expect(() => gatewaySubgraphSecret({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => gatewaySubgraphSecret({ NODE_ENV: 'production' })).toThrow(/GATEWAY_SUBGRAPH_SECRET is required/);
    expect(gatewaySubgraphSecret({ NODE_ENV: 'production', GATEWAY_SUBGRAPH_SECRET: 'a-production-secret-0123' })).toBe('a-production-secret-0123');
  });

  it('should refuse a secret shorter than 16 characters without printing it', () => {
    const load = () => gatewaySubgraphSecret({ GATEWAY_SUBGRAPH_SECRET: 'hunter2' });

    expect(load).toThrow(/GATEWAY_SUBGRAPH_SECRET must be at least 16 characters, got 7/);
    expect(load).not.toThrow(/hunter2/);
  });
});

describe('GatewaySecretModule', () => {
  it('should refuse to guard with an empty secret rather than leave the routes open', () => {
    expect(() => GatewaySecretModule.forRoot('')).toThrow(/needs the gateway secret/);
  });
});
