import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const HELM_DIR = join(REPO_ROOT, 'helm');

/**
 * Kubernetes version rendered and linted against. A `go install`ed helm carries no build-time default
 * (it would assume v1.20 and refuse the charts' kubeVersion), so it is always given.
 */
export const KUBE_VERSION = '1.30.0';

export class HelmNotInstalledError extends Error {
  constructor() {
    super(
      'helm was not found in .stack/bin or on PATH: run `bash .ci/run`, or install the pinned version with ' +
        '`GOBIN=$PWD/.stack/bin go install helm.sh/helm/v3/cmd/helm@v3.19.0` at the repository root',
    );
    this.name = 'HelmNotInstalledError';
  }
}

export class HelmCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly output: string,
  ) {
    super(`helm ${args.join(' ')} failed:\n${output}`);
    this.name = 'HelmCommandError';
  }
}

/** The pinned helm of `.ci/run` first, then one on PATH. */
export function findHelm(): string {
  const pinned = join(REPO_ROOT, '.stack', 'bin', 'helm');
  if (existsSync(pinned)) return pinned;
  try {
    execFileSync('helm', ['version', '--short'], { stdio: 'pipe' });
    return 'helm';
  } catch {
    throw new HelmNotInstalledError();
  }
}

export function runHelm(args: readonly string[], cwd: string = REPO_ROOT): string {
  try {
    return execFileSync(findHelm(), args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new HelmCommandError(args, `${stderr ?? ''}${stdout ?? ''}`);
  }
}

/**
 * A throwaway copy of helm/ with the `file://` dependencies vendored, so rendering never writes
 * `charts/` or `Chart.lock` into the working tree that other engineers share.
 */
export class ChartWorkspace {
  readonly dir: string;

  private constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'seg-helm-'));
    cpSync(HELM_DIR, this.dir, { recursive: true });
  }

  static create(): ChartWorkspace {
    const workspace = new ChartWorkspace();
    for (const chart of workspace.charts()) runHelm(['dependency', 'build', chart, '--skip-refresh']);
    return workspace;
  }

  charts(): string[] {
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(this.dir, entry.name, 'Chart.yaml')))
      .map((entry) => join(this.dir, entry.name));
  }

  chart(name: string): string {
    return join(this.dir, name);
  }

  /** The chart's `ci/*-values.yaml` scenarios, by file name. */
  scenarios(name: string): string[] {
    return readdirSync(join(this.chart(name), 'ci'))
      .filter((file) => file.endsWith('-values.yaml'))
      .sort();
  }

  lint(name: string, valuesFile: string): string {
    return runHelm(['lint', '--strict', '--kube-version', KUBE_VERSION, this.chart(name), '--values', join(this.chart(name), 'ci', valuesFile)]);
  }

  template(name: string, options: { valuesFile?: string; set?: readonly string[]; release?: string } = {}): string {
    const args = ['template', options.release ?? 'seg', this.chart(name), '--namespace', 'segmentation', '--kube-version', KUBE_VERSION];
    if (options.valuesFile) args.push('--values', join(this.chart(name), 'ci', options.valuesFile));
    for (const value of options.set ?? []) args.push('--set', value);
    return runHelm(args);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
