import { composeServices } from '@apollo/composition';
import { Kind, parse, valueFromASTUntyped } from 'graphql';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSubgraphUrl, SUBGRAPHS, subgraphSchemaFile } from './subgraphs';

export interface SubgraphSdl {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

/** The committed supergraph the gateway serves. */
export const SUPERGRAPH_FILE = join(__dirname, '..', '..', 'supergraph.graphql');

export class CompositionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`supergraph composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** The SDL every subgraph printed at its last boot; a subgraph that has none yet is simply not part of the graph. */
export function readSubgraphSdl(): SubgraphSdl[] {
  return SUBGRAPHS.filter((subgraph) => existsSync(subgraphSchemaFile(subgraph.name))).map((subgraph) => ({
    name: subgraph.name,
    url: defaultSubgraphUrl(subgraph.port),
    sdl: readFileSync(subgraphSchemaFile(subgraph.name), 'utf8'),
  }));
}

/** Composes the supergraph SDL, or throws a CompositionError listing every composition error. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  if (subgraphs.length === 0) throw new CompositionError(['no subgraph SDL found (each subgraph writes services/<name>/schema.graphql at boot)']);
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return `${result.supergraphSdl.trim()}\n`;
}

/** The subgraphs a supergraph routes to, from its `join__Graph` enum. */
export function subgraphsOfSupergraph(supergraphSdl: string): SubgraphEndpoint[] {
  const graphs = parse(supergraphSdl).definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph');
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new CompositionError(['the supergraph has no join__Graph enum: not a composed supergraph']);
  return (graphs.values ?? []).map((value) => {
    const args = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments ?? [];
    const argument = (name: string) => {
      const node = args.find((a) => a.name.value === name);
      return node ? String(valueFromASTUntyped(node.value)) : '';
    };
    return { name: argument('name'), url: argument('url') };
  });
}
