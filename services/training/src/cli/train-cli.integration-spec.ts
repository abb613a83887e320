import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { uniqueSuffix } from '@seg/kafka/testing';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..', '..', '..');

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm run train` as a person or the CronJob runs it, with `env` on top of the test's environment. */
async function train(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'train'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run train', () => {
  // A schema and topic prefix of its own: should a check let the run through, it touches nothing shared.
  const isolation = () => ({ TRAINING_DB_SCHEMA: `it_train_cli_${uniqueSuffix()}`, TRAINING_TOPIC_PREFIX: `it.${uniqueSuffix()}.` });

  it('should exit 1 with one line naming each unreachable dependency and the variable to set, without a stack trace, when nothing answers', async () => {
    const [postgres, kafka, mlflow] = [await closedPort(), await closedPort(), await closedPort()];
    const started = Date.now();

    const result = await train({
      ...isolation(),
      DATABASE_URL: '',
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: String(postgres),
      KAFKA_BROKERS: `127.0.0.1:${kafka}`,
      MLFLOW_TRACKING_URI: `http://127.0.0.1:${mlflow}`,
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^train: PostgreSQL at postgres://\\S+@127\\.0\\.0\\.1:${postgres}/\\S+ is unreachable \\(ECONNREFUSED\\): set POSTGRES_HOST/POSTGRES_PORT`,
      ),
    );
    expect(lines[0]).toContain(`Kafka at 127.0.0.1:${kafka} is unreachable (ECONNREFUSED): set KAFKA_BROKERS`);
    expect(lines[0]).toContain(`MLflow at http://127.0.0.1:${mlflow} is unreachable (ECONNREFUSED): set MLFLOW_TRACKING_URI`);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('should name only what is missing when PostgreSQL and Kafka answer: the topics to create and the unreachable MLflow', async () => {
    const mlflow = await closedPort();
    const settings = isolation();

    const result = await train({ ...settings, MLFLOW_TRACKING_URI: `http://127.0.0.1:${mlflow}` });

    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `train: Kafka at ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'} has no topic ${settings.TRAINING_TOPIC_PREFIX}models.promoted.v1: create the topics with npm run topics; ` +
        `MLflow at http://127.0.0.1:${mlflow} is unreachable (ECONNREFUSED): set MLFLOW_TRACKING_URI. Is the stack up (npm run stack -- status)? Settings come from the environment, then .env.`,
    ]);
  });
});
