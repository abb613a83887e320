import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './helm-cli';

const ALERT_RULES = join(REPO_ROOT, 'helm', 'segmentation', 'files', 'prometheus', 'alerts.yaml');
const RULE_TESTS = join(REPO_ROOT, 'scripts', 'deploy', 'prometheus', 'alerts.test.yaml');

/** The pinned promtool (scripts/stack/prometheus-tools.sh, run by .ci/run): missing is a failure, not a skip. */
function promtool(args: readonly string[]): string {
  const binary = join(run('bash', ['scripts/stack/prometheus-tools.sh', '--dir']).trim(), 'promtool');
  return run(binary, args);
}

function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

describe('the Prometheus alert rules', () => {
  it('should pass promtool check rules', () => {
    expect(promtool(['check', 'rules', ALERT_RULES])).toMatch(/SUCCESS: 8 rules found/);
  });

  it('should fire and stay quiet as their unit tests expect (promtool test rules)', () => {
    expect(promtool(['test', 'rules', RULE_TESTS])).toMatch(/SUCCESS/);
  });
});
