import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { inlineTraceDisabled } from './inline-trace';

const schema = buildSubgraphSchema([{ typeDefs: parse('type Query { ping: String }'), resolvers: { Query: { ping: () => 'pong' } } }]);

// What a gateway with usage reporting sends: a subgraph answers with an `ftv1` trace unless the plugin is there.
async function extensionsOf(plugins: ApolloServerPlugin[]): Promise<Record<string, unknown> | undefined> {
  const server = new ApolloServer({ schema, plugins });
  await server.start();
  try {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json'], ['apollo-federation-include-trace', 'ftv1']]),
        search: '',
        body: { query: '{ ping }' },
      },
      context: async () => ({}),
    });
    if (response.body.kind !== 'complete') throw new Error('expected a complete response');
    return (JSON.parse(response.body.string) as { extensions?: Record<string, unknown> }).extensions;
  } finally {
    await server.stop();
  }
}

describe(inlineTraceDisabled.name, () => {
  it('should leave the ftv1 trace out of a subgraph response that asks for it', async () => {
    // The same plugin type as declared by @apollo/server's CommonJS build, which this test runs (see inline-trace.ts).
    const plugin = inlineTraceDisabled() as unknown as ApolloServerPlugin;
    expect(await extensionsOf([])).toHaveProperty('ftv1');
    expect(await extensionsOf([plugin])).toBeUndefined();
  });
});
