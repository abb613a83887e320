import { Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { str } from '@seg/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Set by the gateway on every subgraph request; a subgraph with the secret configured answers nothing else. */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

const GATEWAY_SECRET = Symbol('GATEWAY_SECRET');

/** A subgraph's `GATEWAY_SUBGRAPH_SECRET` setting: the same variable name as the gateway's, off unless set. */
export const gatewaySubgraphSecretSetting = str({
  description: 'Shared secret the gateway sends in x-gateway-secret; when set, /graphql (and the ingestion CSV upload) answer only requests carrying it (403 otherwise); empty: open',
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
        errors: [{ message: `Forbidden: this route answers only the platform's own callers (missing or wrong ${GATEWAY_SECRET_HEADER} header)`, extensions: { code: 'FORBIDDEN' } }],
      }),
    );
  };
}

/**
 * Guards a subgraph's `/graphql` route, and any other `routes` that change data (ingestion's CSV upload), with the
 * gateway's shared secret; `/health` stays open for probes. An empty secret turns the guard off (local runs and the
 * services' own tests call directly).
 */
@Module({})
export class GatewaySecretModule implements NestModule {
  constructor(@Inject(GATEWAY_SECRET) private readonly guard: { readonly secret: string; readonly routes: readonly string[] }) {}

  static forRoot(secret: string, routes: readonly string[] = ['graphql']): DynamicModule {
    return { module: GatewaySecretModule, providers: [{ provide: GATEWAY_SECRET, useValue: { secret, routes } }] };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.guard.secret === '') return;
    consumer.apply(gatewaySecretMiddleware(this.guard.secret)).forRoutes(...this.guard.routes.map((path) => ({ path, method: RequestMethod.ALL })));
  }
}
