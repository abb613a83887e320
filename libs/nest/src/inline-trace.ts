import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';

type DriverPlugin = NonNullable<ApolloFederationDriverConfig['plugins']>[number];

/**
 * Turns off the inline traces Apollo Server adds to a subgraph's responses on request: they serve Apollo
 * Studio's usage reporting, which this self-hosted graph does not use.
 *
 * Typed for the Nest driver: @nestjs/apollo 14 is an ES module and runs @apollo/server's ESM build, while
 * CommonJS code like this gets its CommonJS build. The plugin is a plain object Apollo Server recognises by its
 * internal id, so it works across the two builds; only their type declarations differ.
 */
export function inlineTraceDisabled(): DriverPlugin {
  return ApolloServerPluginInlineTraceDisabled() as unknown as DriverPlugin;
}
