import type { RequestHandler } from 'express';
import { sendGraphqlError } from '../http/graphql-error-response';
import type { AccessUser } from './access-token';
import { hasRole, type Role } from '@seg/contracts';

/**
 * A route other than /graphql (whose policy is per root field, `access-policy.ts`) open to `role` and above; runs after
 * `authenticate`, before the body is read. `what` names the action in the refusal, e.g. "uploading customers".
 */
export function requireRole(role: Role, what: string): RequestHandler {
  return (_request, response, next) => {
    const user = response.locals.user as AccessUser | undefined;
    if (user && hasRole(user.role, role)) return next();
    sendGraphqlError(response, 403, { code: 'FORBIDDEN', message: `Forbidden: ${what} needs the ${role} role${user ? `, the token's is ${user.role}` : ''}` });
  };
}
