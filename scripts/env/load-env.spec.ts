import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEnv, parseEnvFile } from './load-env';

describe(parseEnvFile.name, () => {
  it('should read NAME=value lines: export, quotes, comments, CRLF, blanks', () => {
    const text = [
      '# moved to another stack',
      'POSTGRES_PORT=5544',
      'export KAFKA_BROKERS = 127.0.0.1:9192   # the other broker',
      'MLFLOW_TRACKING_URI="http://127.0.0.1:5100" # quoted, then a comment',
      "GATEWAY_JWT_SECRET='a # is kept in quotes'",
      'INGESTION_TOPIC_PREFIX=',
      '',
      'not a variable',
      'TRAINING_SWEEP=2-4\r',
    ].join('\n');

    expect(parseEnvFile(text)).toEqual([
      ['POSTGRES_PORT', '5544'],
      ['KAFKA_BROKERS', '127.0.0.1:9192'],
      ['MLFLOW_TRACKING_URI', 'http://127.0.0.1:5100'],
      ['GATEWAY_JWT_SECRET', 'a # is kept in quotes'],
      ['INGESTION_TOPIC_PREFIX', ''],
      ['TRAINING_SWEEP', '2-4'],
    ]);
  });
});

describe(applyEnv.name, () => {
  it('should set only what is not set yet, so the shell and CI win over .env, and the first of two lines wins', () => {
    const env: Record<string, string | undefined> = { POSTGRES_PORT: '5433', EMPTY: '' };

    const set = applyEnv(
      [
        ['POSTGRES_PORT', '5544'],
        ['KAFKA_BROKERS', '127.0.0.1:9192'],
        ['EMPTY', 'from .env'],
        ['KAFKA_BROKERS', '127.0.0.1:9999'],
      ],
      env,
    );

    expect(set).toEqual(['KAFKA_BROKERS']);
    expect(env).toEqual({ POSTGRES_PORT: '5433', EMPTY: '', KAFKA_BROKERS: '127.0.0.1:9192' });
  });
});

describe('the shell side (scripts/env/load-env.sh)', () => {
  // The stack, services and test scripts export .env through it: the same parse as node, set variables winning.
  it('should export what the node loader parses, leaving variables already set alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'load-env-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(file, ['export KAFKA_BROKERS = 127.0.0.1:9192 # other', "SECRET='a # b'", 'EMPTY=', 'POSTGRES_PORT=5544', 'PATHS="$HOME x"\r'].join('\n'));
      const printed = execFileSync(
        'bash',
        ['-c', 'set -eu; source scripts/env/load-env.sh; seg_load_env_file "$1"; printf "%s\\0" "$KAFKA_BROKERS" "$SECRET" "${EMPTY-unset}" "$POSTGRES_PORT" "$PATHS"', 'test', file],
        { cwd: join(__dirname, '..', '..'), env: { PATH: process.env.PATH, POSTGRES_PORT: '6000' }, encoding: 'utf8' },
      );

      expect(printed.split('\0').slice(0, -1)).toEqual(['127.0.0.1:9192', 'a # b', '', '6000', '$HOME x']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should fail, not export nothing, when the file cannot be read', () => {
    const run = () =>
      execFileSync('bash', ['-c', 'source scripts/env/load-env.sh; seg_load_env_file "$1" || exit 7', 'test', __dirname], {
        cwd: join(__dirname, '..', '..'),
        stdio: 'pipe',
      });

    expect(run).toThrow(expect.objectContaining({ status: 7 }));
  });
});

describe('the npm scripts', () => {
  // Every command that starts node reads .env first, as the services (scripts/services.sh) and the tests do.
  const scripts: Record<string, string> = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).scripts;

  it('should preload the .env loader in every script that runs node', () => {
    // The pinned-Node wrapper (scripts/node/run.sh) comes first and runs the rest as it is.
    const nodeRuns = Object.entries(scripts).flatMap(([name, command]) =>
      command
        .split('&&')
        .map((part) => part.trim().replace(/^bash scripts\/node\/run\.sh /, ''))
        .filter((part) => /^node\s/.test(part))
        .map((part) => [name, part]),
    );

    expect(nodeRuns.length).toBeGreaterThanOrEqual(15);
    expect(nodeRuns.filter(([, command]) => !command.startsWith('node -r ./scripts/env/load-env.js '))).toEqual([]);
  });
});
