import { Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { str } from '@seg/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Set by the gateway on every subgraph request; a subgraph with the secret configured answers nothing else. */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

const GATEWAY_SECRET = Symbol('GATEWAY_SECRET');

/** A subgraph's `GATEWAY_SUBGRAPH_SECRET` setting: the same variable name as the gateway's, off unless set. */
export const gatewaySubgraphSecretSetting = str({
  description: 'Shared secret the gateway sends in x-gateway-secret; when set, /graphql answers only requests carrying it (403 otherwise); empty: open',
  default: '',
  secret: true,
});

/** Constant-time comparison; both sides are hashed first so neither the length nor a prefix leaks through timing. */
export function gatewaySecretMatches(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** Express-style middleware refusing (403, a GraphQL-shaped body) every request without the gateway's secret. */
export function gatewaySecretMiddleware(secret: string) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (gatewaySecretMatches(secret, request.headers[GATEWAY_SECRET_HEADER])) return next();
    response.writeHead(403, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        errors: [{ message: `Forbidden: this subgraph answers only the gateway (missing or wrong ${GATEWAY_SECRET_HEADER} header)`, extensions: { code: 'FORBIDDEN' } }],
      }),
    );
  };
}

/**
 * Guards a subgraph's `/graphql` route with the gateway's shared secret; `/health` and the other routes stay open
 * for probes and uploads. An empty secret turns the guard off (local runs and the services' own tests call directly).
 */
@Module({})
export class GatewaySecretModule implements NestModule {
  constructor(@Inject(GATEWAY_SECRET) private readonly secret: string) {}

  static forRoot(secret: string): DynamicModule {
    return { module: GatewaySecretModule, providers: [{ provide: GATEWAY_SECRET, useValue: secret }] };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.secret === '') return;
    consumer.apply(gatewaySecretMiddleware(this.secret)).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
