import { bool, defineConfig, loadConfigParts, int, oneOf, str, type ConfigOf, type VarSpec } from '@seg/config';
import { dbConfigFromEnv, erasureSaltSetting, type DbConnection } from '@seg/db';
import { kafkaConfigFromEnv, type KafkaConfig } from '@seg/kafka';
import { mlflowConfigFromEnv, type MlflowConfig } from '@seg/mlflow';
import { gatewaySubgraphSecretSetting } from '@seg/nest';
import { validateCronExpression } from 'cron';
import { logLevelSetting, metricsPortSetting } from '@seg/observability';
import { join } from 'node:path';

const SERVICE = 'training';

/** A fraction in [0, 1] (@seg/config has no decimal type). */
function fraction(options: { description: string; default: number }): VarSpec<number> {
  return {
    ...options,
    kind: 'number in [0, 1]',
    parse: (raw) => {
      const value = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`must be a number between 0 and 1, got '${raw}'`);
      return value;
    },
  };
}

export interface SweepRange {
  readonly from: number;
  readonly to: number;
}

/** `2-9` → { from: 2, to: 9 }; `none` → false. */
export function parseSweep(raw: string): SweepRange | false {
  if (raw.trim() === 'none') return false;
  const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(raw);
  if (!match) throw new Error(`must be a range like 2-9 or 'none', got '${raw}'`);
  const [from, to] = [Number(match[1]), Number(match[2])];
  if (from < 2 || to < from) throw new Error(`must satisfy 2 <= from <= to, got '${raw}'`);
  return { from, to };
}

export const trainingConfigSpec = defineConfig(SERVICE, {
  TRAINING_PORT: int({ description: 'HTTP port of the subgraph and /health', default: 4002, min: 1, max: 65_535 }),
  TRAINING_METRICS_PORT: metricsPortSetting(9402),
  TRAINING_DB_SCHEMA: str({ description: 'PostgreSQL schema owned by the service (tests use a throwaway one)', default: 'training' }),
  TRAINING_TOPIC_PREFIX: str({
    description: 'Prepended to every topic name, e.g. "it.3f9a1c07." so test runs never share topics; empty in production',
    default: '',
  }),
  TRAINING_CONSUMER_GROUP: str({ description: 'Consumer group of the customers.features.v1 consumer', default: 'training' }),
  TRAINING_KAFKA_BATCH_SIZE: int({ description: 'Feature events per handler call and bulk upsert', default: 2000, min: 1, max: 20_000 }),
  TRAINING_MODEL_NAME: str({ description: 'Registered MLflow model the runs create versions of', default: 'customer-segmentation' }),
  TRAINING_EXPERIMENT: str({ description: 'MLflow experiment the runs are logged to', default: 'customer-segmentation' }),
  // Kept as text (printable in the start-up log), checked here, parsed where it is used.
  TRAINING_SWEEP: {
    description: "k range of the k-sweep logged with every run, e.g. 2-9 (≈ 12 s on the real data), or 'none'",
    default: '2-9',
    kind: "range|'none'",
    parse: (raw) => {
      parseSweep(raw);
      return raw.trim();
    },
  } satisfies VarSpec<string>,
  TRAINING_MIN_SEGMENT_SHARE: fraction({ description: 'Promotion gate: smallest share of customers every segment must have', default: 0.05 }),
  TRAINING_SILHOUETTE_MARGIN: fraction({
    description: "Promotion gate: how much lower than the champion's the new silhouette may be",
    default: 0.02,
  }),
  TRAINING_PROMOTION_MODE: oneOf(['auto', 'review'] as const, {
    description:
      'auto: a run that passes the gate becomes the champion; review: it waits (awaiting-review) for an admin to promoteModel or rejectModel (the first model, with no champion to compare with, is promoted by the gate)',
    default: 'auto',
  }),
  TRAINING_ALIAS_POLL_MS: int({
    description: 'How often the MLflow alias champion is read, so a promotion made in MLflow is published on models.promoted.v1 (once across replicas); 0: never',
    default: 30_000,
    min: 0,
    max: 3_600_000,
  }),
  TRAINING_RETRAIN_ON_DRIFT: bool({ description: 'Start a training run when models.health.v1 turns alert (the gate and the promotion mode still decide)', default: false }),
  TRAINING_RETRAIN_MIN_INTERVAL_MS: int({
    description: 'At most one drift-triggered run per this many milliseconds (across replicas); default 6 h',
    default: 21_600_000,
    min: 1_000,
    max: 604_800_000,
  }),
  TRAINING_HEALTH_GROUP: str({ description: 'Consumer group of the models.health.v1 consumer (shared by the replicas; used with TRAINING_RETRAIN_ON_DRIFT)', default: 'training-health' }),
  // Checked here, so a typo stops the service at start-up with the other bad variables, not at its first bootstrap.
  TRAINING_CRON: {
    description: "Cron expression (e.g. '0 3 * * *') for scheduled runs while the service runs; empty: no schedule",
    default: '',
    kind: 'cron expression',
    parse: (raw) => {
      const { valid, error } = validateCronExpression(raw.trim());
      if (!valid) throw new Error(`must be a cron expression such as '0 3 * * *', got '${raw}' (${error?.message ?? 'invalid'})`);
      return raw.trim();
    },
  } satisfies VarSpec<string>,
  TRAINING_SCHEMA_FILE: str({
    description: 'Where the subgraph SDL is printed at boot for the gateway composition; "-" prints nothing',
    default: join(__dirname, '..', '..', 'schema.graphql'),
  }),
  GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecretSetting,
  ERASURE_SALT: erasureSaltSetting,
  LOG_LEVEL: logLevelSetting,
});

export type TrainingSettings = ConfigOf<typeof trainingConfigSpec.spec>;

export interface TrainingConfig {
  readonly settings: TrainingSettings;
  readonly db: DbConnection;
  readonly kafka: KafkaConfig;
  readonly mlflow: MlflowConfig;
}

export const TRAINING_CONFIG = Symbol('TRAINING_CONFIG');

/** Loads the service's own variables and the database, Kafka and MLflow settings, refusing with every bad variable at once. */
export function loadTrainingConfig(env: NodeJS.ProcessEnv = process.env): TrainingConfig {
  return loadConfigParts(SERVICE, {
    settings: () => trainingConfigSpec.load(env),
    db: () => dbConfigFromEnv(env),
    kafka: () => kafkaConfigFromEnv(env),
    mlflow: () => mlflowConfigFromEnv(env),
  });
}

