import { readFileSync } from 'node:fs';
import { composeSupergraph, CompositionError, readSubgraphSdl, subgraphsOfSupergraph, SUPERGRAPH_FILE } from './compose-supergraph';

const owner = (name: string, sdl: string) => ({ name, url: `http://127.0.0.1:1/${name}`, sdl });
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.12", import: ["@key"])';

describe('composeSupergraph', () => {
  it('should match the committed supergraph when composed from the subgraphs’ current SDL (else run `npm run compose`)', () => {
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const current = composeSupergraph(readSubgraphSdl());

    if (current !== committed) throw new Error(`${SUPERGRAPH_FILE} is out of date with the subgraphs' schema.graphql files: run \`npm run compose\` and commit it`);
    expect(current).toBe(committed);
  });

  it('should list the subgraphs and their URLs when reading a composed supergraph', () => {
    const supergraph = composeSupergraph([
      owner('people', `${FEDERATION} type Query { person(id: ID!): Person } type Person @key(fields: "id") { id: ID! }`),
      owner('pets', `${FEDERATION} type Person @key(fields: "id") { id: ID! pet: String }`),
    ]);

    expect(subgraphsOfSupergraph(supergraph)).toEqual([
      { name: 'people', url: 'http://127.0.0.1:1/people' },
      { name: 'pets', url: 'http://127.0.0.1:1/pets' },
    ]);
  });

  it('should throw a CompositionError listing the conflict when two subgraphs disagree', () => {
    const compose = () =>
      composeSupergraph([owner('a', `${FEDERATION} type Query { total: Int }`), owner('b', `${FEDERATION} type Query { total: String }`)]);

    expect(compose).toThrow(CompositionError);
    expect(compose).toThrow(/Query\.total/);
  });

  it('should refuse to compose when there is no subgraph', () => {
    expect(() => composeSupergraph([])).toThrow('no subgraph SDL found');
  });
});
