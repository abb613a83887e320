import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/node/run.sh in a scratch checkout, with stand-ins for the machine's `node` and for `npm` (the
// registry install is what .ci/run exercises for real): what it installs, where, when, and what runs.
const PIN = '24.5.1';
const PACKAGE = `node-linux-${process.arch}`;

interface Checkout {
  readonly root: string;
  readonly stack: string;
  readonly npmCalls: string;
  run(machineNode: string, args: string[], env?: Record<string, string>): { status: number | null; stdout: string; stderr: string };
}

function stubNode(file: string, version: string): void {
  writeFileSync(file, `#!/bin/sh\n[ "$1" = -p ] && [ "$2" = process.versions.node ] && echo ${version}\n`);
  chmodSync(file, 0o755);
}

function checkout(): Checkout {
  const root = mkdtempSync(join(tmpdir(), 'pinned-node-'));
  mkdirSync(join(root, 'scripts', 'node'), { recursive: true });
  copyFileSync(join(__dirname, 'run.sh'), join(root, 'scripts', 'node', 'run.sh'));
  writeFileSync(join(root, '.nvmrc'), `${PIN}\n`);
  const bin = join(root, 'machine-bin');
  mkdirSync(bin);
  const npmCalls = join(root, 'npm-calls.log');
  // npm install --prefix <dir> … <package>@<version>: lays out <dir>/node_modules/<package>/bin/node as npm does.
  writeFileSync(
    join(bin, 'npm'),
    `#!/bin/bash
echo "$*" >> ${npmCalls}
[ -n "$STUB_NPM_FAIL" ] && { echo "npm error 404" >&2; exit 1; }
while [ $# -gt 0 ]; do case "$1" in --prefix) prefix="$2"; shift 2 ;; *) spec="$1"; shift ;; esac; done
mkdir -p "$prefix/node_modules/\${spec%@*}/bin"
printf '#!/bin/sh\\n[ "$1" = -p ] && echo %s\\n' "\${spec##*@}" > "$prefix/node_modules/\${spec%@*}/bin/node"
chmod +x "$prefix/node_modules/\${spec%@*}/bin/node"
`,
  );
  chmodSync(join(bin, 'npm'), 0o755);
  const stack = join(root, 'stack');
  return {
    root,
    stack,
    npmCalls,
    run(machineNode, args, env = {}) {
      stubNode(join(bin, 'node'), machineNode);
      const result = spawnSync('bash', args, { cwd: root, encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, STACK_DIR: stack, ...env } });
      return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
    },
  };
}

const npmCallCount = (c: Checkout) => (existsSync(c.npmCalls) ? readFileSync(c.npmCalls, 'utf8').trim().split('\n').length : 0);

describe('scripts/node/run.sh', () => {
  const made: Checkout[] = [];
  const fresh = () => {
    const c = checkout();
    made.push(c);
    return c;
  };
  afterAll(() => made.forEach((c) => rmSync(c.root, { recursive: true, force: true })));

  it('should install the pinned Node once under $STACK_DIR/node/<version> and run the command on it when the machine has an older major', () => {
    const c = fresh();
    const first = c.run('20.20.2', ['scripts/node/run.sh', 'node', '-p', 'process.versions.node']);
    expect({ status: first.status, stdout: first.stdout }).toEqual({ status: 0, stdout: PIN });
    expect(first.stderr).toContain(`installing ${PACKAGE}@${PIN} from the npm registry`);
    expect(readFileSync(c.npmCalls, 'utf8')).toContain(`--prefix ${join(c.stack, 'node', PIN)}.partial.`);
    expect(readdirSync(join(c.stack, 'node'))).toEqual([PIN]);

    const second = c.run('20.20.2', ['scripts/node/run.sh', 'node', '-p', 'process.versions.node']);
    expect({ status: second.status, stdout: second.stdout, stderr: second.stderr }).toEqual({ status: 0, stdout: PIN, stderr: '' });
    expect(npmCallCount(c)).toBe(1);
  });

  it('should install the pinned Node when the machine has the same major but an older release', () => {
    const c = fresh();
    expect(c.run('24.1.0', ['scripts/node/run.sh', 'node', '-p', 'process.versions.node']).stdout).toBe(PIN);
    expect(npmCallCount(c)).toBe(1);
  });

  it("should use the machine's Node and install nothing when it is the pinned major and not older", () => {
    const c = fresh();
    for (const machine of [PIN, '24.40.0']) {
      const result = c.run(machine, ['scripts/node/run.sh', 'node', '-p', 'process.versions.node']);
      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: machine });
    }
    expect(npmCallCount(c)).toBe(0);
    expect(existsSync(join(c.stack, 'node'))).toBe(false);
  });

  it('should put the pinned Node first on PATH of the shell that sources it', () => {
    const c = fresh();
    const result = c.run('20.20.2', ['-c', 'set -euo pipefail; source scripts/node/run.sh; command -v node; node -p process.versions.node']);
    expect(result.stdout.split('\n')).toEqual([join(c.stack, 'node', PIN, 'node_modules', PACKAGE, 'bin', 'node'), PIN]);
  });

  it('should fail, say why, run nothing and leave no partial install when the registry install fails', () => {
    const c = fresh();
    const result = c.run('20.20.2', ['scripts/node/run.sh', 'touch', 'ran'], { STUB_NPM_FAIL: '1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`could not install Node ${PIN} from the npm registry`);
    expect(existsSync(join(c.root, 'ran'))).toBe(false);
    expect(readdirSync(join(c.stack, 'node'))).toEqual([]);
  });

  it('should refuse to run without a command', () => {
    const c = fresh();
    const result = c.run(PIN, ['scripts/node/run.sh']);
    expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({ status: 2, stderr: 'usage: bash scripts/node/run.sh <command> [args...]' });
  });
});

describe('the pinned Node', () => {
  const repo = join(__dirname, '..', '..');
  const pin = readFileSync(join(repo, '.nvmrc'), 'utf8').trim();
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: Record<string, string> };

  it('should be one exact release, named alike by .nvmrc, .node-version, engines and the Node types', () => {
    expect(pin).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(join(repo, '.node-version'), 'utf8').trim()).toBe(pin);
    expect(manifest.engines.node).toBe(`^${pin}`);
    expect(manifest.devDependencies['@types/node'].split('.')[0]).toBe(pin.split('.')[0]);
  });
});

describe('the npm scripts', () => {
  const scripts: Record<string, string> = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).scripts;

  it('should start node and every node tool through scripts/node/run.sh, so `npm run <script>` on an older Node gets the pinned one', () => {
    const parts = Object.entries(scripts)
      .filter(([name]) => name !== 'postinstall')
      .flatMap(([name, command]) => command.split('&&').map((part) => ({ name, part: part.trim() })));
    expect(parts.filter(({ part }) => part.startsWith('bash scripts/node/run.sh ')).length).toBeGreaterThanOrEqual(20);
    expect(parts.filter(({ part }) => /^(node|npx|jest|tsc|eslint|nx|vite)\b/.test(part))).toEqual([]);
    // `npm run …` and `bash scripts/*.sh` stay as they are: the scripts that run node source the wrapper themselves.
    for (const script of ['scripts/test.sh', 'scripts/services.sh']) {
      expect({ script, sources: readFileSync(join(__dirname, '..', '..', script), 'utf8').includes('source scripts/node/run.sh') }).toEqual({ script, sources: true });
    }
  });
});
