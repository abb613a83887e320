import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { composeSupergraph, readSubgraphSdl, SUPERGRAPH_FILE } from '../supergraph/compose-supergraph';

/** `npm run compose`: composes the subgraphs' committed SDL into services/gateway/supergraph.graphql. */
function main(): void {
  const subgraphs = readSubgraphSdl();
  const supergraph = composeSupergraph(subgraphs);
  const names = subgraphs.map((s) => s.name).join(', ');
  if (existsSync(SUPERGRAPH_FILE) && readFileSync(SUPERGRAPH_FILE, 'utf8') === supergraph) {
    console.log(`Supergraph of ${names} is already current: ${SUPERGRAPH_FILE}`);
    return;
  }
  const temporary = `${SUPERGRAPH_FILE}.${process.pid}.tmp`;
  writeFileSync(temporary, supergraph);
  renameSync(temporary, SUPERGRAPH_FILE);
  console.log(`Supergraph of ${names} written to ${SUPERGRAPH_FILE}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
