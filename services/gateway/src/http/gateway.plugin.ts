import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { firstForbiddenField, rootFieldAccess } from '../auth/access-policy';
import { assertWithinLimits, measureOperation, QueryLimitError, type QueryLimits } from '../limits/query-limits';
import type { GatewayContext } from './gateway-context';
import type { LogWriter } from './request-log';

/**
 * Runs once the operation is parsed and validated against the supergraph's API schema and before the
 * gateway plans it: the caller's role must cover every root field, and the operation must stay within the
 * depth and cost limits. Unexpected errors are logged with the request id (the client sees them masked).
 */
export function gatewayPlugin(limits: QueryLimits, log: LogWriter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, request, schema }) {
          const forbidden = firstForbiddenField(contextValue.user.role, rootFieldAccess(document, request.operationName));
          if (forbidden) {
            throw new GraphQLError(`Forbidden: ${forbidden.field} needs the ${forbidden.role} role, the access token has ${contextValue.user.role}`, {
              extensions: { code: 'FORBIDDEN', field: forbidden.field, http: { status: 403 } },
            });
          }
          try {
            assertWithinLimits(measureOperation(schema, document, request.operationName, request.variables), limits);
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
