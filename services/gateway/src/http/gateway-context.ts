import { HeaderMap } from '@apollo/server';
import type { ExpressContextFunctionArgument } from '@as-integrations/express5';
import { GraphQLError } from 'graphql';
import { AccessTokenError, bearerToken, verifyAccessToken, type AccessUser } from '../auth/access-token';

/** What every operation runs with: the verified caller and the request id passed on to the subgraphs. */
export interface GatewayContext {
  readonly requestId: string;
  readonly user: AccessUser;
}

function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Unauthenticated: ${reason}`, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } },
  });
}

/** Builds the context of one request, refusing (401) a request without a valid token before anything is parsed. */
export function gatewayContext(jwtSecret: string) {
  return async ({ req, res }: ExpressContextFunctionArgument): Promise<GatewayContext> => {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) throw unauthenticated('send an access token as "Authorization: Bearer <token>" (locally: npm run token -- --role viewer)');
    try {
      const user = await verifyAccessToken(token, jwtSecret);
      res.locals.userId = user.sub;
      return { requestId: res.locals.requestId as string, user };
    } catch (error) {
      if (error instanceof AccessTokenError) throw unauthenticated(error.message);
      throw error;
    }
  };
}
