import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface Target {
  readonly options?: { readonly command?: string };
}

interface ProjectNode {
  readonly name: string;
  readonly data: { readonly root: string; readonly targets: Record<string, Target> };
}

function run(command: string, args: string[]): string {
  const result = spawnSync(join(root, 'node_modules/.bin', command), args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** The projects as Nx resolves them (nx.json's target defaults merged into each project.json). */
function projectGraph(): ProjectNode[] {
  const dir = mkdtempSync(join(tmpdir(), 'nx-graph-'));
  try {
    run('nx', ['graph', `--file=${join(dir, 'graph.json')}`]);
    const { graph } = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')) as { graph: { nodes: Record<string, ProjectNode> } };
    return Object.values(graph.nodes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The test files of a jest tier, as `npm test` runs it. */
const tierFiles = (tier: string) => run('jest', ['-c', 'jest.config.ts', '--listTests', '--selectProjects', tier]).split('\n').filter((line) => line.startsWith('/'));

/** The files a project's `unit` or `integration` target selects: its command's path pattern, as jest reads it (a regular expression). */
function selectedBy(project: ProjectNode, target: string, files: readonly string[]): string[] {
  const command = project.data.targets[target]?.options?.command;
  if (!command) return [];
  const pattern = /"\$PWD\/([^"]*)"/.exec(command)?.[1];
  if (pattern === undefined) throw new Error(`${project.name}:${target} names no "$PWD/<path>" filter: ${command}`);
  return files.filter((file) => new RegExp(`${root}/${pattern}`).test(file));
}

describe('the Nx targets (what `npm run check` runs)', () => {
  jest.setTimeout(120_000);

  let projects: ProjectNode[];
  beforeAll(() => {
    projects = projectGraph();
  });

  it('should give every project lint and typecheck, and typecheck a tsconfig that exists', () => {
    expect(projects.filter((p) => !p.data.targets.lint || !p.data.targets.typecheck).map((p) => p.name)).toEqual([]);
    const tsconfigs = projects.flatMap((p) => [...(p.data.targets.typecheck.options?.command ?? '').matchAll(/-p (\S+)/g)].map((m) => m[1]));
    expect(tsconfigs.length).toBeGreaterThanOrEqual(projects.length);
    expect(tsconfigs.filter((file) => !existsSync(join(root, file)))).toEqual([]);
  });

  it.each(['unit', 'integration'])('should run every %s test file in exactly one project', (tier) => {
    const files = tierFiles(tier);
    const owners = new Map(files.map((file) => [file, [] as string[]]));
    for (const project of projects) for (const file of selectedBy(project, tier, files)) owners.get(file)?.push(project.name);

    expect(files.length).toBeGreaterThan(10);
    expect([...owners].filter(([, names]) => names.length !== 1).map(([file, names]) => ({ file, names }))).toEqual([]);
  });
});
