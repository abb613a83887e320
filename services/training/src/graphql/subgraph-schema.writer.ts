import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';

export const NO_SCHEMA_FILE = '-';

/** The subgraph SDL as the gateway composes it, federation directives included. */
export function printTrainingSubgraph(schemaHost: GraphQLSchemaHost): string {
  return `${printSubgraphSchema(schemaHost.schema).trim()}\n`;
}

/** Prints the SDL to TRAINING_SCHEMA_FILE at boot, only when it changed (atomic rename: readers never see half). */
@Injectable()
export class SubgraphSchemaWriter implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubgraphSchemaWriter.name);

  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.settings.TRAINING_SCHEMA_FILE;
    if (file === NO_SCHEMA_FILE) return;
    const sdl = printTrainingSubgraph(this.schemaHost);
    if ((await readFile(file, 'utf8').catch(() => null)) === sdl) return;
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, sdl);
    await rename(temporary, file);
    this.logger.log(`Subgraph schema written to ${file}`);
  }
}
