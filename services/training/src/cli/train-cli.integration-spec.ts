import { CHAMPION_ALIAS } from '@seg/contracts';
import { uniqueSuffix } from '@seg/kafka/testing';
import { syntheticCustomers } from '@seg/ml';
import { MlflowClient } from '@seg/mlflow';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { latestFeatureRows } from '../customer-features/feature-columns';
import { startTrainingTestApp, type TrainingTestApp } from '../testing/training-test-app';
import { TrainingLock } from '../train-model/training.lock';

// Each case starts the CLI, which compiles from source; the last ones also train.
jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..', '..', '..');

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm run train [-- args]` as a person or the CronJob runs it, with `env` on top of the test's environment. */
async function train(env: Record<string, string>, args: readonly string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'train', ...(args.length > 0 ? ['--', ...args] : [])], {
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

describe('npm run train: the exit codes', () => {
  it('should exit 2 with the usage and nothing else when a flag is unknown', async () => {
    const result = await train({}, ['--bogus']);

    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/^usage: main\.ts .*\n\s+main\.ts train --once \[--json\]/);
  });

  it('should exit 2 naming the variable when the configuration is invalid, before any dependency is checked', async () => {
    const result = await train({ TRAINING_CRON: 'every night', KAFKA_BROKERS: '127.0.0.1:1' });

    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toContain("TRAINING_CRON must be a cron expression such as '0 3 * * *', got 'every night'");
    expect(result.stderr).not.toContain('Kafka');
  });

  describe('against a schema, topics and a model of its own', () => {
    let service: TrainingTestApp;
    /** The CLI on the test service's schema, topics and model; `env` on top. */
    const trainJson = async (env: Record<string, string> = {}) => {
      const { TRAINING_DB_SCHEMA, TRAINING_TOPIC_PREFIX, TRAINING_MODEL_NAME, TRAINING_EXPERIMENT } = service.config.settings;
      const result = await train({ TRAINING_DB_SCHEMA, TRAINING_TOPIC_PREFIX, TRAINING_MODEL_NAME, TRAINING_EXPERIMENT, TRAINING_SWEEP: 'none', ...env }, ['--json']);
      return { ...result, summary: result.stdout === '' ? null : (JSON.parse(result.stdout) as { status: string; modelVersion: string | null; error: string | null; gate: { passed: boolean } | null }) };
    };
    const runs = async (): Promise<{ trigger: string; status: string }[]> => service.dataSource.query(`SELECT trigger, status FROM training_runs ORDER BY started_at`);
    const champion = async () => (await service.app.get(MlflowClient).getVersionByAlias(service.config.settings.TRAINING_MODEL_NAME, CHAMPION_ALIAS))?.version ?? null;

    beforeAll(async () => {
      service = await startTrainingTestApp({ TRAINING_SWEEP: 'none', TRAINING_ALIAS_POLL_MS: '0' });
    });

    afterAll(() => service?.close());

    it('should exit 3 and record no run when another run holds the training lock', async () => {
      const lease = await service.app.get(TrainingLock).tryAcquire();
      try {
        const result = await trainJson();

        expect([result.code, result.stdout]).toEqual([3, '']);
        expect(result.stderr.trim()).toBe('a training run is already in progress: wait for it to finish');
      } finally {
        await lease?.release();
      }
      expect(await runs()).toEqual([]);
    });

    it('should exit 1 with the failed run in the summary when the run fails (an empty feature copy)', async () => {
      const result = await trainJson();

      expect(result.code).toBe(1);
      expect(result.summary).toMatchObject({ status: 'failed', modelVersion: null, error: expect.stringContaining('the feature copy holds 0 customer(s)') });
      expect(await runs()).toEqual([{ trigger: 'cli', status: 'failed' }]);
    });

    it('should exit 0 when the run succeeds, and also when the gate then refuses the candidate', async () => {
      const updatedAt = new Date().toISOString();
      const events = [...syntheticCustomers(400, 5)].map(({ customerId, features }) => ({ customerId, features, source: 'csv' as const, batchId: '9c4e2b71-0d3a-4f5e-8b6c-1a2d3e4f5a6b', updatedAt }));
      await service.app.get(CustomerFeaturesRepository).upsert(latestFeatureRows(events));

      const promoted = await trainJson();

      expect(promoted.code).toBe(0);
      expect(promoted.summary).toMatchObject({ status: 'succeeded', modelVersion: '1', error: null, gate: { passed: true } });
      expect(await champion()).toBe('1');

      // No segment can hold 90 % of the customers.
      const refused = await trainJson({ TRAINING_MIN_SEGMENT_SHARE: '0.9' });

      expect(refused.code).toBe(0);
      expect(refused.summary).toMatchObject({ status: 'succeeded', modelVersion: '2', gate: { passed: false } });
      expect(await champion()).toBe('1');
      expect((await runs()).map((run) => run.status)).toEqual(['failed', 'succeeded', 'succeeded']);
    });
  });
});
