/**
 * Runs one subgraph's own test app (throwaway schema, topics, consumer group) in a process of its own, for the
 * gateway's integration test: @nestjs/graphql keeps its type registry per process, so two code-first subgraphs
 * booted in one process would each print the other's types. One entry file per subgraph
 * (`<name>-subgraph.process.ts`) imports only that subgraph. Prints `{"url": …}` once listening; SIGTERM
 * closes the app (schema dropped, topics deleted) and exits.
 */
export interface SubgraphTestApp {
  readonly app: { getUrl(): Promise<string> };
  close(): Promise<void>;
}

export function serveSubgraphTestApp(start: () => Promise<SubgraphTestApp>): void {
  start()
    .then(async (subgraph) => {
      process.once('SIGTERM', () => {
        subgraph.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      });
      process.stdout.write(`${JSON.stringify({ url: await subgraph.app.getUrl() })}\n`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
