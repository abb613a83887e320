import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createThrowawaySchema } from '@seg/db/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { configureHttp } from '../app.setup';
import { loadOffersConfig } from '../config/offers.config';

export interface GraphqlResult<T> {
  readonly data?: T;
  readonly errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** The service booted in-process on a random port with its own throwaway schema (migrations and seed applied). */
export interface OffersTestApp {
  readonly app: INestApplication;
  readonly dataSource: DataSource;
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphqlResult<T>>;
  /** Closes the app and drops the schema. */
  close(): Promise<void>;
}

export async function startOffersTestApp(): Promise<OffersTestApp> {
  const schema = await createThrowawaySchema('it_offers');
  const config = loadOffersConfig({ ...process.env, OFFERS_DB_SCHEMA: schema.name, OFFERS_SCHEMA_FILE: '-' });
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
    dataSource: app.get(DataSource),
    graphql: async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphqlResult<T>;
    },
    close: async () => {
      try {
        await app.close();
      } finally {
        await schema.drop();
      }
    },
  };
}
