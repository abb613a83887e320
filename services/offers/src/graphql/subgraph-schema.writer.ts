import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { OFFERS_CONFIG, type OffersConfig } from '../config/offers.config';

export const NO_SCHEMA_FILE = '-';

/** Prints the subgraph SDL (federation directives included) to OFFERS_SCHEMA_FILE at boot, only when it changed. */
@Injectable()
export class SubgraphSchemaWriter implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubgraphSchemaWriter.name);

  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    @Inject(OFFERS_CONFIG) private readonly config: OffersConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.settings.OFFERS_SCHEMA_FILE;
    if (file === NO_SCHEMA_FILE) return;
    const sdl = `${printSubgraphSchema(this.schemaHost.schema).trim()}\n`;
    if ((await readFile(file, 'utf8').catch(() => null)) === sdl) return;
    // Atomic rename: the composition never reads half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, sdl);
    await rename(temporary, file);
    this.logger.log(`Subgraph schema written to ${file}`);
  }
}
