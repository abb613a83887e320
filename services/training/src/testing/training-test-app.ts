import type { INestApplication, INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { platformTopics, topicName, Topics, type GraphqlResult } from '@seg/contracts';
import { createThrowawaySchema } from '@seg/db/testing';
import { createKafkaClient, deleteTopics, KafkaConsumerRegistry, provisionTopics, type KafkaClient } from '@seg/kafka';
import { recordingKafkaLogger, uniqueSuffix } from '@seg/kafka/testing';
import { uniqueMlflowName } from '@seg/mlflow/testing';
import { postSubgraphGraphql } from '@seg/nest/testing';
import { ObservabilityModule } from '@seg/observability';
import { scrape } from '@seg/observability/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { configureHttp } from '../app.setup';
import { loadTrainingConfig, type TrainingConfig } from '../config/training.config';
import { TrainModelModule } from '../train-model/train-model.module';

/** The service booted in-process on a random port, with its own schema, topics, consumer group, model and experiment. */
export interface TrainingTestApp {
  readonly app: INestApplication;
  readonly config: TrainingConfig;
  readonly dataSource: DataSource;
  readonly kafka: KafkaClient;
  readonly topics: { readonly features: string; readonly promoted: string; readonly health: string; readonly erased: string };
  /** A request as the gateway makes it: the shared secret and `headers` (e.g. the caller's x-user-id and x-user-name). */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResult<T>>;
  /** GET /metrics on the app's metrics port. */
  scrapeMetrics(): Promise<string>;
  /**
   * A second, CLI-like process on the same schema, model and topics with other settings (e.g. an
   * unreachable MLflow or a stricter gate) and `modules` (the train use case by default); closed by `close()`.
   */
  startSibling(env: Record<string, string>, modules?: NonNullable<ModuleMetadata['imports']>): Promise<INestApplicationContext>;
  /** Closes the app and its siblings, drops the schema and deletes the topics. */
  close(): Promise<void>;
}

export async function startTrainingTestApp(env: Record<string, string> = {}): Promise<TrainingTestApp> {
  const suffix = uniqueSuffix();
  const schema = await createThrowawaySchema('it_training');
  const baseEnv = {
    ...process.env,
    TRAINING_DB_SCHEMA: schema.name,
    TRAINING_TOPIC_PREFIX: `it.${suffix}.`,
    TRAINING_CONSUMER_GROUP: `it-training-${suffix}`,
    TRAINING_MODEL_NAME: uniqueMlflowName('it-segmentation'),
    TRAINING_EXPERIMENT: uniqueMlflowName('it-segmentation'),
    TRAINING_SCHEMA_FILE: '-',
    // Any free port: test apps run side by side, and beside a local platform on the default ports.
    TRAINING_METRICS_PORT: '0',
    KAFKA_LOG_LEVEL: process.env.KAFKA_LOG_LEVEL ?? 'error',
    ...env,
  };
  const config = loadTrainingConfig(baseEnv);
  const prefix = config.settings.TRAINING_TOPIC_PREFIX;
  const topics = {
    features: topicName(prefix, Topics.customersFeatures),
    promoted: topicName(prefix, Topics.modelsPromoted),
    health: topicName(prefix, Topics.modelsHealth),
    erased: topicName(prefix, Topics.customersErased),
  };
  const kafka = createKafkaClient(config.kafka, recordingKafkaLogger());
  const wanted = [
    ...Object.values(topics),
    topicName(prefix, Topics.customersFeaturesDlq),
    topicName(prefix, Topics.modelsHealthDlq),
    topicName(prefix, Topics.customersErasedDlq),
  ];
  const specs = platformTopics({ prefix }).filter((spec) => wanted.includes(spec.name));
  await provisionTopics(kafka, specs);

  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = configureHttp(moduleRef.createNestApplication({ bodyParser: false, logger: ['error', 'warn'] }));
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const siblings: INestApplicationContext[] = [];

  return {
    app,
    config,
    dataSource: app.get(DataSource),
    kafka,
    topics,
    graphql: <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
      postSubgraphGraphql<GraphqlResult<T>>(url, config.settings.GATEWAY_SUBGRAPH_SECRET, query, variables, headers),
    scrapeMetrics: () => scrape(app.get(ObservabilityModule).metricsPort as number),
    startSibling: async (overrides, modules = [TrainModelModule]) => {
      const sibling = await NestFactory.createApplicationContext(
        { module: class SiblingModule {}, imports: [AppModule.core(loadTrainingConfig({ ...baseEnv, ...overrides })), ...modules] },
        { logger: false },
      );
      siblings.push(sibling);
      return sibling;
    },
    close: async () => {
      try {
        for (const sibling of siblings) await sibling.close();
        await app.close();
      } finally {
        await schema.drop();
        await deleteTopics(kafka, wanted);
      }
    },
  };
}

/** Feature records the service's `customers.features.v1` consumer has handled so far (tombstones included). */
export function handledFeatureRecords(service: TrainingTestApp): number {
  return (
    service.app
      .get(KafkaConsumerRegistry)
      .list()
      .map((consumer) => consumer.progress())
      .find((progress) => progress.groupId === service.config.settings.TRAINING_CONSUMER_GROUP)?.handledRecords ?? 0
  );
}
