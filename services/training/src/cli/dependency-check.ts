import { topicName, Topics } from '@seg/contracts';
import { describeDbConnection } from '@seg/db';
import { createKafkaClient, listTopics } from '@seg/kafka';
import { Client } from 'pg';
import { type TrainingConfig } from '../config/training.config';

/** Something `train --once` needs that does not answer, and the setting or command that fixes it. */
export interface DependencyProblem {
  /** e.g. `PostgreSQL at postgres://segmentation:***@127.0.0.1:5433/segmentation is unreachable (ECONNREFUSED)` */
  readonly problem: string;
  /** e.g. `set DATABASE_URL or POSTGRES_HOST/POSTGRES_PORT` */
  readonly fix: string;
}

const TIMEOUT_MS = 5_000;

/** The innermost cause's code (ECONNREFUSED, ENOTFOUND, …) or its first line: what a person can act on. */
export function shortReason(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause !== undefined) inner = inner.cause;
  const { code, message } = (inner ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof message === 'string' && message !== '' ? message.split('\n')[0] : String(inner);
}

/** One line for the terminal and the CronJob's log: every problem with its fix, then where the settings come from. */
export function dependencyProblemsMessage(problems: readonly DependencyProblem[]): string {
  return `train: ${problems.map(({ problem, fix }) => `${problem}: ${fix}`).join('; ')}. Is the stack up (npm run stack -- status)? Settings come from the environment, then .env.`;
}

async function checkDatabase(config: TrainingConfig): Promise<DependencyProblem | null> {
  const connection = 'url' in config.db ? { connectionString: config.db.url } : config.db;
  const client = new Client({ ...connection, connectionTimeoutMillis: TIMEOUT_MS });
  // A refused connection also emits 'error' on the client, which would otherwise crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return null;
  } catch (error) {
    const fix = 'url' in config.db ? 'set DATABASE_URL' : 'set POSTGRES_HOST/POSTGRES_PORT (or DATABASE_URL)';
    return { problem: `PostgreSQL at ${describeDbConnection(config.db)} is unreachable (${shortReason(error)})`, fix };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkKafka(config: TrainingConfig): Promise<DependencyProblem | null> {
  const brokers = config.kafka.brokers.join(',');
  const promotions = topicName(config.settings.TRAINING_TOPIC_PREFIX, Topics.modelsPromoted);
  try {
    const topics = await listTopics(createKafkaClient({ ...config.kafka, logLevel: 'nothing' }));
    return topics.includes(promotions)
      ? null
      : { problem: `Kafka at ${brokers} has no topic ${promotions}`, fix: 'create the topics with npm run topics' };
  } catch (error) {
    return { problem: `Kafka at ${brokers} is unreachable (${shortReason(error)})`, fix: 'set KAFKA_BROKERS' };
  }
}

async function checkMlflow(config: TrainingConfig): Promise<DependencyProblem | null> {
  const { trackingUri } = config.mlflow;
  try {
    const response = await fetch(`${trackingUri}/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok
      ? null
      : {
          problem: `MLflow at ${trackingUri} answers /health with HTTP ${response.status}`,
          fix: 'check MLFLOW_TRACKING_URI and the server',
        };
  } catch (error) {
    return { problem: `MLflow at ${trackingUri} is unreachable (${shortReason(error)})`, fix: 'set MLFLOW_TRACKING_URI' };
  }
}

/**
 * What `train --once` needs and cannot use, checked in parallel before the run starts: PostgreSQL (a connection),
 * Kafka (the promotions topic, which the run publishes to) and MLflow (its /health). Without this the first
 * unreachable one surfaced as a raw connection error with a stack trace, after retries.
 */
export async function dependencyProblems(config: TrainingConfig): Promise<DependencyProblem[]> {
  const checked = await Promise.all([checkDatabase(config), checkKafka(config), checkMlflow(config)]);
  return checked.filter((problem): problem is DependencyProblem => problem !== null);
}
