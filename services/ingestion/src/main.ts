import './instrumentation';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfigOrExit } from '@seg/config';
import { describeDbConnection } from '@seg/db';
import { useStructuredLogging } from '@seg/observability';
import { AppModule } from './app.module';
import { configureHttp } from './app.setup';
import { ingestionConfigSpec, loadIngestionConfig } from './config/ingestion.config';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(loadIngestionConfig);
  const logs = useStructuredLogging('ingestion', config.settings.LOG_LEVEL);
  const logger = new Logger('Ingestion');
  logger.log(`Configuration: ${JSON.stringify(ingestionConfigSpec.redact(config.settings))}, database ${describeDbConnection(config.db)}, Kafka ${config.kafka.brokers.join(',')}`);
  // bodyParser off: configureHttp adds the JSON parser alone, so CSV bodies stream.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, logger: logs });
  configureHttp(app);
  app.enableShutdownHooks();
  await app.listen(config.settings.INGESTION_PORT);
  logger.log(`Listening on port ${config.settings.INGESTION_PORT} (GraphQL /graphql, POST /v1/customers/csv, GET /health)`);
}

bootstrap().catch((error: unknown) => {
  // Most often the stack is down or the topics are missing (no auto-creation): say so instead of a bare trace.
  new Logger('Ingestion').error(
    `Ingestion failed to start: ${error instanceof Error ? error.message : String(error)}. Check that PostgreSQL and Kafka are up (npm run stack -- status) and the topics exist (npm run topics).`,
  );
  process.exit(1);
});
