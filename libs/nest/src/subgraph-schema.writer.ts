import { Logger, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { readFile, rename, writeFile } from 'node:fs/promises';

/** The value of a service's `*_SCHEMA_FILE` setting that turns the writer off. */
export const NO_SCHEMA_FILE = '-';

/** The subgraph SDL as the gateway composes it, federation directives included. */
export function printSubgraph(schemaHost: GraphQLSchemaHost): string {
  return `${printSubgraphSchema(schemaHost.schema).trim()}\n`;
}

/**
 * Prints a subgraph's SDL to a file at boot, only when it changed, for the offline supergraph
 * composition. Atomic rename: the composition never reads half a file.
 */
export class SubgraphSchemaWriter implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubgraphSchemaWriter.name);

  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly file: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.file === NO_SCHEMA_FILE) return;
    const sdl = printSubgraph(this.schemaHost);
    if ((await readFile(this.file, 'utf8').catch(() => null)) === sdl) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, sdl);
    await rename(temporary, this.file);
    this.logger.log(`Subgraph schema written to ${this.file}`);
  }
}

export function subgraphSchemaWriter(file: string): Provider {
  return {
    provide: SubgraphSchemaWriter,
    useFactory: (schemaHost: GraphQLSchemaHost) => new SubgraphSchemaWriter(schemaHost, file),
    inject: [GraphQLSchemaHost],
  };
}
