import { defineConfig, loadConfigParts, int, num, oneOf, str, type ConfigOf } from '@seg/config';
import { dbConfigFromEnv, erasureSaltSetting, type DbConnection } from '@seg/db';
import { kafkaConfigFromEnv, type KafkaConfig } from '@seg/kafka';
import { gatewaySubgraphSecretSetting } from '@seg/nest';
import { logLevelSetting, metricsPortSetting } from '@seg/observability';
import { mlflowConfigFromEnv, type MlflowConfig } from '@seg/mlflow';
import { hostname } from 'node:os';
import { join } from 'node:path';

const SERVICE = 'scoring';
const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

export const scoringConfigSpec = defineConfig(SERVICE, {
  SCORING_PORT: int({ description: 'HTTP port of the subgraph and /health', default: 4003, min: 1, max: 65_535 }),
  SCORING_METRICS_PORT: metricsPortSetting(9403),
  SCORING_DB_SCHEMA: str({ description: 'PostgreSQL schema owned by the service (tests use a throwaway one)', default: 'scoring' }),
  SCORING_TOPIC_PREFIX: str({
    description: 'Prepended to every topic name, e.g. "it.3f9a1c07." so test runs never share topics; empty in production',
    default: '',
  }),
  SCORING_CONSUMER_GROUP: str({ description: 'Consumer group of the customers.features.v1 consumer (shared by the replicas)', default: 'scoring' }),
  SCORING_PROMOTIONS_GROUP: str({
    // Every replica must load a new champion, so each reads the promotions in a group of its own.
    description: 'Consumer group of the models.promoted.v1 consumer: one per instance',
    default: `scoring-promotions-${hostname()}`,
  }),
  SCORING_KAFKA_BATCH_SIZE: int({ description: 'Feature events per handler call (one transaction)', default: 5_000, min: 1, max: 50_000 }),
  SCORING_KAFKA_PARTITIONS_CONCURRENTLY: int({
    // Keys never span partitions, so concurrent batches write disjoint rows (each in id order: no deadlock);
    // one partition's transaction overlaps another's decoding and publishing. Costs a connection per partition.
    description: 'Partitions of customers.features.v1 handled at the same time (kafkajs partitionsConsumedConcurrently)',
    default: 3,
    min: 1,
    max: 32,
  }),
  SCORING_MODEL_NAME: str({ description: 'Registered MLflow model whose alias champion scores', default: 'customer-segmentation' }),
  SCORING_MODEL_CACHE_DIR: str({
    description: 'Where the last champion bundle is kept, so scoring starts with it when MLflow is down',
    default: join(REPO_ROOT, '.stack', 'scoring', 'model-cache'),
  }),
  SCORING_RESCORE_WRITERS: int({
    description: 'Re-score runs written at once, across page boundaries: a page is cut into this many runs of consecutive customers, each its own transaction (one backend each)',
    default: 2,
    min: 1,
    max: 8,
  }),
  SCORING_RESCORE_RETRY_MS: int({
    description: "How soon a re-score request that found another replica's job running asks again, and a failed job is first tried again (doubling with each failure in a row, at most 5 minutes)",
    default: 10_000,
    min: 100,
    max: 600_000,
  }),
  SCORING_RESCORE_PAGE_SIZE: int({ description: 'Customers per re-score page (one keyset read as a binary COPY)', default: 50_000, min: 100, max: 200_000 }),
  SCORING_DRIFT_MONITOR: oneOf(['on', 'off'] as const, {
    // off exists for the benchmark (bench:score measures the consumer both ways) and as an escape hatch.
    description: 'Drift monitoring of the champion (feature PSI, segment shares, shadow K-Means, modelHealth, models.health.v1): on or off',
    default: 'on',
  }),
  SCORING_DRIFT_WINDOW_EVENTS: int({ description: 'The inflow window holds the last this many scored events (per replica)', default: 50_000, min: 100, max: 10_000_000 }),
  SCORING_DRIFT_WINDOW_MS: int({
    description: '… and only those of the last this many milliseconds (whichever is smaller); default 24 h',
    default: 86_400_000,
    min: 1_000,
    max: 2_592_000_000,
  }),
  SCORING_DRIFT_HALF_LIFE: int({
    description: "Shadow online K-Means: points a centroid receives before the champion's position weighs half",
    default: 10_000,
    min: 10,
    max: 10_000_000,
  }),
  SCORING_DRIFT_PSI_WATCH: num({ description: 'PSI from which a feature or the segment shares are watched', default: 0.1, min: 0.000_001, max: 10 }),
  SCORING_DRIFT_PSI_ALERT: num({ description: 'PSI from which they alert (above the watch line)', default: 0.25, min: 0.000_001, max: 10 }),
  SCORING_DRIFT_DISPLACEMENT_WATCH: num({
    description: "Shadow centroid displacement, in units of its cluster's training spread, from which it is watched",
    default: 0.25,
    min: 0.000_001,
    max: 100,
  }),
  SCORING_DRIFT_DISPLACEMENT_ALERT: num({ description: '… and from which it alerts (above the watch line)', default: 0.5, min: 0.000_001, max: 100 }),
  SCORING_DRIFT_MIN_COUNT: int({ description: 'Fewer events (customers, points) than this report insufficient-data instead of a figure', default: 1_000, min: 1, max: 10_000_000 }),
  SCORING_DRIFT_CHECK_MS: int({
    description: "How often each replica saves its drift state and the overall status is judged (models.health.v1 on a change); modelHealth judges on every request",
    default: 30_000,
    min: 100,
    max: 3_600_000,
  }),
  SCORING_DRIFT_POPULATION_REFRESH_MS: int({
    description:
      "How often the population counts are rebuilt from the stored features (besides boot and a new champion); between rebuilds a replica adds only its own partitions' changes. 0: never",
    default: 900_000,
    min: 0,
    max: 86_400_000,
  }),
  SCORING_SCHEMA_FILE: str({
    description: 'Where the subgraph SDL is printed at boot for the gateway composition; "-" prints nothing',
    default: join(__dirname, '..', '..', 'schema.graphql'),
  }),
  GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecretSetting,
  ERASURE_SALT: erasureSaltSetting,
  LOG_LEVEL: logLevelSetting,
});

export type ScoringSettings = ConfigOf<typeof scoringConfigSpec.spec>;

export interface ScoringConfig {
  readonly settings: ScoringSettings;
  readonly db: DbConnection;
  readonly kafka: KafkaConfig;
  readonly mlflow: MlflowConfig;
}

export const SCORING_CONFIG = Symbol('SCORING_CONFIG');

/** Loads the service's own variables and the database, Kafka and MLflow settings, refusing with every bad variable at once. */
export function loadScoringConfig(env: NodeJS.ProcessEnv = process.env): ScoringConfig {
  return loadConfigParts(SERVICE, {
    settings: () => scoringConfigSpec.load(env),
    db: () => dbConfigFromEnv(env),
    kafka: () => kafkaConfigFromEnv(env),
    mlflow: () => mlflowConfigFromEnv(env),
  });
}

