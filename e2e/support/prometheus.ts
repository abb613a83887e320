import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@seg/nest/testing';
import { ROOT } from '@seg/platform-client/testing';

const RULES = join(ROOT, 'helm', 'segmentation', 'files', 'prometheus', 'alerts.yaml');

export interface QueryResult {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/**
 * A throwaway Prometheus server (the pinned binary of scripts/stack/prometheus-tools.sh) scraping the given targets every
 * second, with the platform's alert rules, on a free port and a temporary data directory removed by `stop()`.
 */
export class ThrowawayPrometheus {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(targets: ReadonlyMap<string, number>): Promise<ThrowawayPrometheus> {
    // The pinned install's directory; when missing, the script's own message (how to install it) is the error.
    const binary = join(execFileSync('bash', [join(ROOT, 'scripts', 'stack', 'prometheus-tools.sh'), '--dir'], { encoding: 'utf8' }).trim(), 'prometheus');
    const dir = await mkdtemp(join(tmpdir(), 'e2e-prometheus-'));
    const jobs = [...targets].map(([job, port]) => `  - job_name: ${job}\n    static_configs:\n      - targets: ["127.0.0.1:${port}"]`);
    await writeFile(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - ${RULES}\nscrape_configs:\n${jobs.join('\n')}\n`);
    const port = await freePort();
    const child = spawn(binary, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const output: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const prometheus = new ThrowawayPrometheus(`http://127.0.0.1:${port}`, child, dir);
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`${prometheus.url}/-/ready`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await prometheus.stop();
        throw new Error(`Prometheus did not become ready:\n${output.join('').slice(-2_000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return prometheus;
  }

  /** An instant query through the HTTP API. */
  async query(expression: string): Promise<QueryResult[]> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expression)}`);
    const body = (await response.json()) as { status: string; data: { result: QueryResult[] }; error?: string };
    if (body.status !== 'success') throw new Error(`query ${expression} failed: ${body.error}`);
    return body.data.result;
  }

  /** The alert rules Prometheus loaded, by name. */
  async ruleNames(): Promise<string[]> {
    const body = (await (await fetch(`${this.url}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string }[] }[] } };
    return body.data.groups.flatMap((group) => group.rules.map((rule) => rule.name));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await once(this.child, 'exit');
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
