import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { CHAMPION_ALIAS, platformTopics, topicName, Topics, type CustomerFeaturesEvent, type GraphqlResult, type ModelPromotedEvent } from '@seg/contracts';
import { createThrowawaySchema, type ThrowawaySchema } from '@seg/db/testing';
import { createKafkaClient, deleteTopics, KafkaConsumerRegistry, KafkaProducer, provisionTopics, type KafkaClient } from '@seg/kafka';
import { recordingKafkaLogger, uniqueSuffix } from '@seg/kafka/testing';
import { FEATURE_NAMES, serializeBundle, type ModelBundle } from '@seg/ml';
import { syntheticCustomerList } from '@seg/ml/testing';
import { MlflowClient } from '@seg/mlflow';
import { uniqueMlflowName } from '@seg/mlflow/testing';
import { postSubgraphGraphql } from '@seg/nest/testing';
import { ObservabilityModule } from '@seg/observability';
import { scrape } from '@seg/observability/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { configureHttp } from '../app.setup';
import { loadScoringConfig, type ScoringConfig } from '../config/scoring.config';

/** One booted instance of the service, in-process on a random port. */
export interface ScoringTestApp {
  readonly app: INestApplication;
  /** e.g. http://127.0.0.1:41234, for /graphql, /health and /health/live. */
  readonly url: string;
  readonly config: ScoringConfig;
  readonly dataSource: DataSource;
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** GET /metrics on the instance's metrics port. */
  scrapeMetrics(): Promise<string>;
  close(): Promise<void>;
}

/**
 * What one test file (or test) owns: a schema, suffixed topics, consumer groups, a registered model name and
 * a model cache directory. Instances booted from it share them, as replicas or restarts of the service would.
 */
export interface ScoringTestEnvironment {
  readonly kafka: KafkaClient;
  readonly producer: KafkaProducer;
  readonly mlflow: MlflowClient;
  readonly modelName: string;
  readonly topics: { readonly features: string; readonly segments: string; readonly promoted: string; readonly health: string; readonly erased: string };
  /** Boots an instance; `env` overrides settings (e.g. an unreachable MLflow). */
  boot(env?: Record<string, string>): Promise<ScoringTestApp>;
  /** Fits nothing: logs `bundle` to a run, registers it as a version of the model and moves the champion alias to it. */
  registerChampion(bundle: ModelBundle): Promise<{ version: string; bundleUri: string }>;
  /** The same with any text as `bundle.json` (a broken bundle), the alias moved only when `alias` is set. */
  registerVersion(bundleText: string, alias: boolean): Promise<{ version: string; bundleUri: string }>;
  /** Publishes `models.promoted.v1` as training does. */
  publishPromotion(version: string, bundleUri: string): Promise<void>;
  /** Publishes feature events (requests under the broker's message size limit). */
  publishFeatures(events: readonly CustomerFeaturesEvent[]): Promise<void>;
  /** Deletes the segments topic: the broker creates no topic by itself, so every send to it fails until it is restored. */
  dropSegmentsTopic(): Promise<void>;
  /** Provisions the segments topic again, as the platform declares it. */
  restoreSegmentsTopic(): Promise<void>;
  /** Closes every booted instance, drops the schema, deletes the topics and the cache directory. */
  close(): Promise<void>;
}

export async function createScoringTestEnvironment(): Promise<ScoringTestEnvironment> {
  const suffix = uniqueSuffix();
  const schema: ThrowawaySchema = await createThrowawaySchema('it_scoring');
  const cacheDir = await mkdtemp(join(tmpdir(), 'scoring-model-cache-'));
  const baseEnv: Record<string, string | undefined> = {
    ...process.env,
    SCORING_DB_SCHEMA: schema.name,
    SCORING_TOPIC_PREFIX: `it.${suffix}.`,
    SCORING_CONSUMER_GROUP: `it-scoring-${suffix}`,
    SCORING_PROMOTIONS_GROUP: `it-scoring-promotions-${suffix}`,
    SCORING_MODEL_NAME: uniqueMlflowName('it-scoring'),
    SCORING_MODEL_CACHE_DIR: cacheDir,
    SCORING_SCHEMA_FILE: '-',
    // Any free port: test apps run side by side, and beside a local platform on the default ports.
    SCORING_METRICS_PORT: '0',
    KAFKA_LOG_LEVEL: process.env.KAFKA_LOG_LEVEL ?? 'error',
  };
  const config = loadScoringConfig(baseEnv);
  const prefix = config.settings.SCORING_TOPIC_PREFIX;
  const topics = {
    features: topicName(prefix, Topics.customersFeatures),
    segments: topicName(prefix, Topics.customersSegments),
    promoted: topicName(prefix, Topics.modelsPromoted),
    health: topicName(prefix, Topics.modelsHealth),
    erased: topicName(prefix, Topics.customersErased),
  };
  const kafka = createKafkaClient(config.kafka, recordingKafkaLogger());
  const wanted = [
    ...Object.values(topics),
    topicName(prefix, Topics.customersFeaturesDlq),
    topicName(prefix, Topics.customersErasedDlq),
    topicName(prefix, Topics.modelsPromotedDlq),
  ];
  const specs = platformTopics({ prefix }).filter((spec) => wanted.includes(spec.name));
  await provisionTopics(kafka, specs);
  const producer = new KafkaProducer(kafka);
  const mlflow = new MlflowClient(config.mlflow);
  const modelName = config.settings.SCORING_MODEL_NAME;
  const booted: ScoringTestApp[] = [];
  const registerVersion = async (bundleText: string, alias: boolean) => {
    const experiment = await mlflow.getOrCreateExperiment(modelName);
    const run = await mlflow.createRun({ experimentId: experiment.experimentId, runName: 'scoring-test' });
    await mlflow.uploadArtifact(run.info.runId, 'bundle.json', bundleText, 'application/json');
    await mlflow.setTerminated(run.info.runId, 'FINISHED');
    await mlflow.createRegisteredModel(modelName);
    const bundleUri = await mlflow.runArtifactUri(run.info.runId, 'bundle.json');
    const { version } = await mlflow.createModelVersion({ name: modelName, source: bundleUri, runId: run.info.runId });
    if (alias) await mlflow.setAlias(modelName, CHAMPION_ALIAS, version);
    return { version, bundleUri };
  };

  return {
    kafka,
    producer,
    mlflow,
    modelName,
    topics,
    boot: async (env = {}) => {
      const instanceConfig = loadScoringConfig({ ...baseEnv, ...env });
      const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(instanceConfig)] }).compile();
      const app = configureHttp(moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error'] }));
      try {
        await app.listen(0, '127.0.0.1');
      } catch (error) {
        // A failed boot still holds connections and consumers: release them, then report.
        await app.close().catch(() => undefined);
        throw error;
      }
      const url = await app.getUrl();
      let closed = false;
      const instance: ScoringTestApp = {
        app,
        url,
        config: instanceConfig,
        dataSource: app.get(DataSource),
        scrapeMetrics: () => scrape(app.get(ObservabilityModule).metricsPort as number),
        graphql: <T>(query: string, variables?: Record<string, unknown>) => postSubgraphGraphql<GraphqlResult<T>>(url, instanceConfig.settings.GATEWAY_SUBGRAPH_SECRET, query, variables),
        close: async () => {
          if (closed) return;
          closed = true;
          await app.close();
        },
      };
      booted.push(instance);
      return instance;
    },
    registerChampion: (bundle) => registerVersion(serializeBundle(bundle), true),
    registerVersion,
    publishPromotion: async (version, bundleUri) => {
      const event: ModelPromotedEvent = { modelName, version, runId: 'scoring-test', bundleUri, promotedAt: new Date().toISOString(), metrics: {} };
      await producer.send(topics.promoted, [{ key: modelName, value: event }]);
    },
    publishFeatures: async (events) => {
      for (let start = 0; start < events.length; start += 1_000) {
        await producer.send(
          topics.features,
          events.slice(start, start + 1_000).map((event) => ({ key: event.customerId, value: event })),
        );
      }
    },
    dropSegmentsTopic: async () => {
      await deleteTopics(kafka, [topics.segments]);
    },
    restoreSegmentsTopic: async () => {
      await provisionTopics(kafka, specs.filter((spec) => spec.name === topics.segments));
    },
    close: async () => {
      try {
        for (const instance of booted) await instance.close();
        await producer.disconnect();
      } finally {
        await schema.drop();
        await deleteTopics(kafka, wanted);
        await rm(cacheDir, { recursive: true, force: true });
      }
    },
  };
}

/** `count` seeded synthetic customers as feature events with ids `<prefix>0000`, `<prefix>0001`, … */
export function featureEvents(count: number, seed: number, prefix: string, updatedAt = new Date().toISOString()): CustomerFeaturesEvent[] {
  return syntheticCustomerList(count, seed).map((customer, i) => ({
    customerId: `${prefix}${String(i).padStart(4, '0')}`,
    features: Object.fromEntries(FEATURE_NAMES.map((name) => [name, customer.features[name] ?? null])),
    source: 'kafka',
    batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
    updatedAt,
  }));
}

/** Records the instance's feature consumer has handled: a replay or a skipped state that writes nothing is observed through it. */
export function handledFeatureEvents(service: ScoringTestApp): number {
  return (
    service.app
      .get(KafkaConsumerRegistry)
      .list()
      .map((consumer) => consumer.progress())
      .find((progress) => progress.groupId === service.config.settings.SCORING_CONSUMER_GROUP)?.handledRecords ?? 0
  );
}
