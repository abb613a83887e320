import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { inlineTraceDisabled } from './inline-trace';

/** The GraphQLModule options every subgraph shares; spread them into its own (schema options, context). */
export function subgraphGraphqlOptions() {
  return {
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    graphiql: false,
    // A stack trace names source files and node_modules paths: never in an answer, whatever NODE_ENV says.
    includeStacktraceInErrorResponses: false,
    // Inline traces serve Apollo Studio's usage reporting, which this self-hosted graph does not use.
    plugins: [inlineTraceDisabled()],
  } satisfies Partial<ApolloFederationDriverConfig>;
}
