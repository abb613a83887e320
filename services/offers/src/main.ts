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
import { loadOffersConfig, offersConfigSpec } from './config/offers.config';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit(loadOffersConfig);
  const logs = useStructuredLogging('offers', config.settings.LOG_LEVEL);
  const logger = new Logger('Offers');
  logger.log(`Configuration: ${JSON.stringify(offersConfigSpec.redact(config.settings))}, database ${describeDbConnection(config.db)}`);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, logger: logs });
  configureHttp(app);
  app.enableShutdownHooks();
  await app.listen(config.settings.OFFERS_PORT);
  logger.log(`Listening on port ${config.settings.OFFERS_PORT} (GraphQL /graphql, GET /health)`);
}

bootstrap().catch((error: unknown) => {
  // Most often PostgreSQL is down: say so instead of a bare trace.
  new Logger('Offers').error(
    `Offers failed to start: ${error instanceof Error ? error.message : String(error)}. Check that PostgreSQL is up (npm run stack -- status).`,
  );
  process.exit(1);
});
