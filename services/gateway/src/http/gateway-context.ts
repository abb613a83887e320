import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import type { RequestHandler, Response } from 'express';
import { AccessRoleError, AccessTokenError, IdentityProviderUnavailableError } from '../auth/access-errors';
import { bearerToken, type AccessUser } from '../auth/access-token';
import type { TokenVerifier } from '../auth/token-verifier';
import { sendGraphqlError } from './graphql-error-response';

/** What every operation runs with: the verified caller and the request id passed on to the subgraphs. */
export interface GatewayContext {
  readonly requestId: string;
  readonly user: AccessUser;
}

function unauthenticated(response: Response, reason: string): void {
  sendGraphqlError(response, 401, { code: 'UNAUTHENTICATED', message: `Unauthenticated: ${reason}` }, { 'www-authenticate': 'Bearer' });
}

/**
 * Refuses a request without a valid token before its body is even read, and keeps the caller for the context:
 * 401 for a missing, malformed, forged, expired or foreign token, 403 for a valid one without a platform role,
 * 503 while the identity provider's keys were never fetched.
 */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (request, response, next) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) return unauthenticated(response, verifier.howToGetToken);
    try {
      const user = await verifier.verify(token);
      response.locals.user = user;
      response.locals.userId = user.sub;
    } catch (error) {
      if (error instanceof AccessTokenError) return unauthenticated(response, error.message);
      if (error instanceof AccessRoleError) return sendGraphqlError(response, 403, { code: 'FORBIDDEN', message: error.message });
      if (error instanceof IdentityProviderUnavailableError) {
        return sendGraphqlError(response, 503, { code: 'IDENTITY_PROVIDER_UNAVAILABLE', message: `Unavailable: ${error.message}` }, { 'retry-after': '5' });
      }
      throw error;
    }
    next();
  };
}

/** The context of an authenticated request (see `authenticate`). */
export async function gatewayContext({ res }: ExpressContextFunctionArgument): Promise<GatewayContext> {
  return { requestId: res.locals.requestId as string, user: res.locals.user as AccessUser };
}
