import { defineConfig, loadConfigParts, int, str, type ConfigOf } from '@seg/config';
import { dbConfigFromEnv, erasureSaltSetting, type DbConnection } from '@seg/db';
import { kafkaConfigFromEnv, type KafkaConfig } from '@seg/kafka';
import { DEFAULT_MAX_REJECTED_RAW_LENGTH } from '@seg/ml';
import { gatewaySubgraphSecretSetting } from '@seg/nest';
import { logLevelSetting, metricsPortSetting } from '@seg/observability';
import { join } from 'node:path';

const SERVICE = 'ingestion';

export const ingestionConfigSpec = defineConfig(SERVICE, {
  INGESTION_PORT: int({ description: 'HTTP port of the subgraph, the CSV endpoint and /health', default: 4001, min: 1, max: 65_535 }),
  INGESTION_METRICS_PORT: metricsPortSetting(9401),
  INGESTION_DB_SCHEMA: str({ description: 'PostgreSQL schema owned by the service (tests use a throwaway one)', default: 'ingestion' }),
  INGESTION_TOPIC_PREFIX: str({
    description: 'Prepended to every topic name, e.g. "it.3f9a1c07." so test runs never share topics; empty in production',
    default: '',
  }),
  INGESTION_CONSUMER_GROUP: str({ description: 'Consumer group of the customers.raw.v1 consumer', default: 'ingestion' }),
  INGESTION_CSV_BATCH_SIZE: int({
    // Each transaction costs round trips, a commit flush and an outbox row: at 3,000 rows they took a third of
    // the time of a large file; past 10,000 nothing more was gained, and two chunks are held at a time.
    description: 'CSV rows per transaction (one bulk upsert, one rejected-rows insert, one outbox insert)',
    default: 10_000,
    min: 1,
    max: 20_000,
  }),
  INGESTION_REJECTED_RAW_MAX_CHARS: int({
    description: 'Characters of a rejected CSV row kept in rejected_rows and the upload answer (its whole length is recorded)',
    default: DEFAULT_MAX_REJECTED_RAW_LENGTH,
    min: 64,
    max: 1 << 20,
  }),
  INGESTION_KAFKA_BATCH_SIZE: int({ description: 'Raw events per handler call and transaction', default: 1000, min: 1, max: 20_000 }),
  INGESTION_MAX_UPLOAD_BYTES: int({ description: 'Largest CSV body accepted, in bytes (413 beyond it)', default: 2 * 1024 ** 3, min: 1 }),
  INGESTION_MAX_FUTURE_MS: int({
    // The newest state wins by the source's time: one event dated next year would make every real one until then stale.
    description: "How far ahead of this service's clock an event's occurredAt (or an upload's) may be; later ones are refused (DLQ, 400)",
    default: 5 * 60_000,
    min: 0,
  }),
  // Sent in Kafka requests of 1,000 messages (@seg/kafka MESSAGES_PER_REQUEST); a larger claim means fewer transactions.
  INGESTION_OUTBOX_BATCH_SIZE: int({
    description: 'Outbox messages claimed, published and deleted per transaction (at least one outbox row, i.e. one written chunk)',
    default: 10_000,
    min: 1,
    max: 100_000,
  }),
  INGESTION_OUTBOX_INTERVAL_MS: int({
    description: 'Safety-net interval of the outbox relay; it also runs right after every commit',
    default: 2000,
    min: 50,
  }),
  INGESTION_SCHEMA_FILE: str({
    description: 'Where the subgraph SDL is printed at boot for the gateway composition; "-" prints nothing',
    default: join(__dirname, '..', '..', 'schema.graphql'),
  }),
  GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecretSetting,
  ERASURE_SALT: erasureSaltSetting,
  LOG_LEVEL: logLevelSetting,
});

export type IngestionSettings = ConfigOf<typeof ingestionConfigSpec.spec>;

export interface IngestionConfig {
  readonly settings: IngestionSettings;
  readonly db: DbConnection;
  readonly kafka: KafkaConfig;
}

export const INGESTION_CONFIG = Symbol('INGESTION_CONFIG');

/**
 * Loads the service's own variables, the database and Kafka settings once, and refuses with every bad
 * variable of the three at once.
 */
export function loadIngestionConfig(env: NodeJS.ProcessEnv = process.env): IngestionConfig {
  return loadConfigParts(SERVICE, {
    settings: () => ingestionConfigSpec.load(env),
    db: () => dbConfigFromEnv(env),
    kafka: () => kafkaConfigFromEnv(env),
  });
}

