import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { GraphqlResult } from '@seg/contracts';
import { createThrowawaySchema } from '@seg/db/testing';
import { postSubgraphGraphql } from '@seg/nest/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { configureHttp } from '../app.setup';
import { loadOffersConfig, type OffersConfig } from '../config/offers.config';

/** The service booted in-process on a random port with its own throwaway schema (migrations and seed applied). */
export interface OffersTestApp {
  readonly app: INestApplication;
  readonly config: OffersConfig;
  readonly dataSource: DataSource;
  /** A request with the gateway's shared secret, and `headers` (e.g. x-user-id). */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResult<T>>;
  /** Closes the app and drops the schema. */
  close(): Promise<void>;
}

/** `env`: settings on top of the test's environment (e.g. GATEWAY_SUBGRAPH_SECRET). */
export async function startOffersTestApp(env: Readonly<Record<string, string>> = {}): Promise<OffersTestApp> {
  const schema = await createThrowawaySchema('it_offers');
  const config = loadOffersConfig({ ...process.env, OFFERS_DB_SCHEMA: schema.name, OFFERS_SCHEMA_FILE: '-', OFFERS_METRICS_PORT: '0', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureHttp(app);
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // A failed boot still holds database connections: release them and the schema, then report.
    await app.close().finally(() => schema.drop());
    throw error;
  }
  const url = await app.getUrl();

  return {
    app,
    config,
    dataSource: app.get(DataSource),
    // As the gateway calls it: with the shared secret.
    graphql: <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
      postSubgraphGraphql<GraphqlResult<T>>(url, config.settings.GATEWAY_SUBGRAPH_SECRET, query, variables, headers),
    close: async () => {
      try {
        await app.close();
      } finally {
        await schema.drop();
      }
    },
  };
}
