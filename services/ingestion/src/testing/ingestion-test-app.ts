import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { platformTopics, topicName, Topics, type GraphqlResult } from '@seg/contracts';
import { createThrowawaySchema, type ThrowawaySchema } from '@seg/db/testing';
import { createKafkaClient, deleteTopics, provisionTopics, type KafkaClient } from '@seg/kafka';
import { recordingKafkaLogger, uniqueSuffix } from '@seg/kafka/testing';
import { postSubgraphGraphql } from '@seg/nest/testing';
import { ObservabilityModule } from '@seg/observability';
import { scrape } from '@seg/observability/testing';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { configureHttp } from '../app.setup';
import { uploadCsv, type CsvUploadResponse } from '../cli/csv-upload.client';
import { loadIngestionConfig, type IngestionConfig } from '../config/ingestion.config';

/** The service booted in-process on a random port, with its own schema, topics and consumer group. */
export interface IngestionTestApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly config: IngestionConfig;
  readonly dataSource: DataSource;
  readonly kafka: KafkaClient;
  readonly topics: { readonly raw: string; readonly rawDlq: string; readonly features: string; readonly erased: string };
  postCsv(csv: string | Readable, contentType?: string): Promise<CsvUploadResponse>;
  /** As the gateway calls it; `headers` e.g. the caller's `x-user-id`. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResult<T>>;
  /** GET /metrics on the app's metrics port. */
  scrapeMetrics(): Promise<string>;
  /** Closes the app, drops the schema and deletes the topics. */
  close(): Promise<void>;
}

/** `env`: settings on top of the test's environment (e.g. GATEWAY_SUBGRAPH_SECRET). */
export async function startIngestionTestApp(env: Readonly<Record<string, string>> = {}): Promise<IngestionTestApp> {
  const suffix = uniqueSuffix();
  const schema: ThrowawaySchema = await createThrowawaySchema('it_ingestion');
  const config = loadIngestionConfig({
    ...process.env,
    INGESTION_DB_SCHEMA: schema.name,
    INGESTION_TOPIC_PREFIX: `it.${suffix}.`,
    INGESTION_CONSUMER_GROUP: `it-ingestion-${suffix}`,
    INGESTION_SCHEMA_FILE: '-',
    // Any free port: test apps run side by side, and beside a local platform on the default ports.
    INGESTION_METRICS_PORT: '0',
    INGESTION_OUTBOX_INTERVAL_MS: '250',
    KAFKA_LOG_LEVEL: process.env.KAFKA_LOG_LEVEL ?? 'error',
    ...env,
  });
  const prefix = config.settings.INGESTION_TOPIC_PREFIX;
  const topics = {
    raw: topicName(prefix, Topics.customersRaw),
    rawDlq: topicName(prefix, Topics.customersRawDlq),
    features: topicName(prefix, Topics.customersFeatures),
    erased: topicName(prefix, Topics.customersErased),
  };
  const kafka = createKafkaClient(config.kafka, recordingKafkaLogger());
  const specs = platformTopics({ prefix }).filter((spec) => Object.values(topics).includes(spec.name));
  await provisionTopics(kafka, specs);

  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureHttp(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();

  return {
    app,
    url,
    config,
    dataSource: app.get(DataSource),
    kafka,
    topics,
    // As the gateway and `npm run ingest` call it: with the shared secret.
    postCsv: (csv, contentType) => uploadCsv(url, typeof csv === 'string' ? Readable.from([csv]) : csv, 'test.csv', contentType, config.settings.GATEWAY_SUBGRAPH_SECRET),
    graphql: (query, variables, headers) => postSubgraphGraphql(url, config.settings.GATEWAY_SUBGRAPH_SECRET, query, variables, headers),
    scrapeMetrics: () => scrape(app.get(ObservabilityModule).metricsPort as number),
    close: async () => {
      try {
        await app.close();
      } finally {
        await schema.drop();
        await deleteTopics(kafka, Object.values(topics));
      }
    },
  };
}
