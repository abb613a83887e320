import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { firstForbiddenField, rootFieldAccess } from '../auth/access-policy';
import { assertWithinCost, operationCost } from '../limits/operation-cost';
import { QueryLimitError } from '../limits/query-limit.error';
import type { GatewayContext } from './gateway-context';
import type { LogWriter } from './request-log';

/**
 * Runs once the operation is parsed and validated against the supergraph's API schema (the document limits were
 * checked before, by the admission) and before the gateway plans it: the caller's role must cover every root
 * field, and the operation's cost, which depends on its variables, must stay within the limit. Unexpected errors
 * are logged with the request id (the client sees them masked).
 */
export function gatewayPlugin(limits: { readonly maxCost: number }, log: LogWriter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, request, schema }) {
          // The admission refuses these first; a request reaching here without an operation is still the caller's mistake.
          if (!operation) throw new GraphQLError('No operation to run: name it in operationName', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
          const forbidden = firstForbiddenField(contextValue.user.role, rootFieldAccess(document, request.operationName));
          if (forbidden) {
            throw new GraphQLError(`Forbidden: ${forbidden.field} needs the ${forbidden.role} role, the access token has ${contextValue.user.role}`, {
              extensions: { code: 'FORBIDDEN', field: forbidden.field, http: { status: 403 } },
            });
          }
          try {
            assertWithinCost(operationCost(schema, document, request.operationName, request.variables), limits.maxCost);
          } catch (error) {
            if (!(error instanceof QueryLimitError)) throw error;
            throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 400 } } });
          }
        },
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') continue;
            log({ level: 'error', msg: error.message, requestId: contextValue.requestId, path: error.path?.join('.'), serviceName: error.extensions?.serviceName });
          }
        },
      };
    },
  };
}

/** Extensions that reveal the inside of the platform: stack traces, subgraph responses and addresses. */
const HIDDEN_EXTENSIONS = new Set(['stacktrace', 'exception', 'response']);

/**
 * What a client sees of an error: its code and field (BAD_USER_INPUT passes through from the subgraphs),
 * never a stack trace, and a server fault only as "Internal server error" (logged in full by the plugin).
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => !HIDDEN_EXTENSIONS.has(key)));
  const internal = extensions.code === undefined || extensions.code === 'INTERNAL_SERVER_ERROR';
  return { ...formatted, message: internal ? 'Internal server error' : formatted.message, extensions: { ...extensions, code: extensions.code ?? 'INTERNAL_SERVER_ERROR' } };
}
