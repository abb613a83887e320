import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import { AccessTokenError, bearerToken, verifyAccessToken, type AccessUser, type TokenLifetimePolicy } from '../auth/access-token';
import { sendGraphqlError } from './graphql-error-response';

/** What every operation runs with: the verified caller and the request id passed on to the subgraphs. */
export interface GatewayContext {
  readonly requestId: string;
  readonly user: AccessUser;
}

/** Refuses (401) a request without a valid token before its body is even read, and keeps the caller for the context. */
export function authenticate(jwtSecret: string, policy: TokenLifetimePolicy): RequestHandler {
  const unauthenticated = (response: Parameters<RequestHandler>[1], reason: string) =>
    sendGraphqlError(response, 401, { code: 'UNAUTHENTICATED', message: `Unauthenticated: ${reason}` }, { 'www-authenticate': 'Bearer' });
  return async (request, response, next) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) return unauthenticated(response, 'send an access token as "Authorization: Bearer <token>" (locally: npm run token -- --role viewer)');
    try {
      const user = await verifyAccessToken(token, jwtSecret, policy);
      response.locals.user = user;
      response.locals.userId = user.sub;
    } catch (error) {
      if (error instanceof AccessTokenError) return unauthenticated(response, error.message);
      throw error;
    }
    next();
  };
}

/** The context of an authenticated request (see `authenticate`). */
export async function gatewayContext({ res }: ExpressContextFunctionArgument): Promise<GatewayContext> {
  return { requestId: res.locals.requestId as string, user: res.locals.user as AccessUser };
}
