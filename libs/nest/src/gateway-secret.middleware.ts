import { Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { defineConfig, str } from '@seg/config';
import { GATEWAY_SECRET_HEADER } from '@seg/contracts';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const GATEWAY_SECRET = Symbol('GATEWAY_SECRET');

/**
 * `GATEWAY_SUBGRAPH_SECRET`, one setting for the gateway and every subgraph. Outside production both sides
 * share a development value, so a local run is guarded like a deployment without anyone setting anything;
 * in production it has no default and a service without it refuses to start.
 */
export const gatewaySubgraphSecretSetting = str({
  description:
    'Shared secret between the gateway and the subgraphs: the gateway sends it in x-gateway-secret, a subgraph answers /graphql (and the ingestion CSV upload) only with it (403 otherwise) and trusts x-user-id, x-user-name and x-user-role only then; set the same value everywhere; required in production (a development value is used otherwise)',
  localDefault: 'local-development-only-subgraph-secret',
  minLength: 16,
  secret: true,
});

const subgraphSecretConfig = defineConfig('platform', { GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecretSetting });

/** The secret as the services resolve it from `env`, for tools that call a subgraph directly (`npm run ingest`). */
export function gatewaySubgraphSecret(env: NodeJS.ProcessEnv = process.env): string {
  return subgraphSecretConfig.load(env).GATEWAY_SUBGRAPH_SECRET;
}

/** Constant-time comparison; both sides are hashed first so neither the length nor a prefix leaks through timing. */
export function gatewaySecretMatches(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/**
 * Express-style middleware refusing (403, a GraphQL-shaped body) every request without the gateway's secret.
 * What passes it is the gateway's own call, so the caller headers it set (x-user-id, x-user-name, x-user-role) can be trusted.
 */
export function gatewaySecretMiddleware(secret: string) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (gatewaySecretMatches(secret, request.headers[GATEWAY_SECRET_HEADER])) return next();
    response.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    response.end(
      JSON.stringify({
        errors: [{ message: `Forbidden: this route answers only the platform's own callers (missing or wrong ${GATEWAY_SECRET_HEADER} header)`, extensions: { code: 'FORBIDDEN' } }],
      }),
    );
  };
}

/**
 * Guards a subgraph's `/graphql` route, and any other `routes` that change data (ingestion's CSV upload), with the
 * gateway's shared secret; `/health` stays open for probes. There is no open mode: tests and local tools send the
 * secret their service resolved (the development value unless set).
 */
@Module({})
export class GatewaySecretModule implements NestModule {
  constructor(@Inject(GATEWAY_SECRET) private readonly guard: { readonly secret: string; readonly routes: readonly string[] }) {}

  static forRoot(secret: string, routes: readonly string[] = ['graphql']): DynamicModule {
    if (secret.trim() === '') throw new Error('GatewaySecretModule needs the gateway secret (GATEWAY_SUBGRAPH_SECRET, from gatewaySubgraphSecretSetting)');
    return { module: GatewaySecretModule, providers: [{ provide: GATEWAY_SECRET, useValue: { secret, routes } }] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(gatewaySecretMiddleware(this.guard.secret)).forRoutes(...this.guard.routes.map((path) => ({ path, method: RequestMethod.ALL })));
  }
}
