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
import { loadScoringConfig, scoringConfigSpec } from './config/scoring.config';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(loadScoringConfig);
  const logs = useStructuredLogging('scoring', config.settings.LOG_LEVEL);
  const logger = new Logger('Scoring');
  logger.log(
    `Configuration: ${JSON.stringify(scoringConfigSpec.redact(config.settings))}, database ${describeDbConnection(config.db)}, Kafka ${config.kafka.brokers.join(',')}, MLflow ${config.mlflow.trackingUri}`,
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, logger: logs });
  configureHttp(app);
  app.enableShutdownHooks();
  await app.listen(config.settings.SCORING_PORT);
  logger.log(`Listening on port ${config.settings.SCORING_PORT} (GraphQL /graphql, GET /health)`);
}

bootstrap().catch((error: unknown) => {
  new Logger('Scoring').error(
    `Scoring failed to start: ${error instanceof Error ? error.message : String(error)}. Check that PostgreSQL and Kafka are up (npm run stack -- status) and the topics exist (npm run topics).`,
  );
  process.exit(1);
});
