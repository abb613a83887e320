import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { typeOrmModuleOptions } from '@seg/db';
import { GatewaySecretModule, subgraphGraphqlOptions, subgraphSchemaWriter, userInputErrorFilter } from '@seg/nest';
import { KafkaModule } from '@seg/kafka';
import { ObservabilityModule } from '@seg/observability';
import { INGESTION_CONFIG, type IngestionConfig } from './config/ingestion.config';
import { CsvUploadModule } from './csv-upload/csv-upload.module';
import { EraseCustomersModule } from './erase-customer/erase-customers.module';
import type { ErasureGraphqlContext } from './erase-customer/erase-customers.resolver';
import { erasureGuardProvider } from './erase-customer/erasure-guard.provider';
import { CustomerEntity } from './customers/customer.entity';
import { CustomersModule } from './customers/customers.module';
import type { IngestionGraphqlContext } from './customers/customers.resolver';
import { CustomersService } from './customers/customers.service';
import { HealthModule } from './health/health.module';
import { IngestBatchEntity } from './ingest-batches/ingest-batch.entity';
import { IngestBatchesModule } from './ingest-batches/ingest-batches.module';
import type { IngestBatchesGraphqlContext } from './ingest-batches/ingest-batches.resolver';
import { IngestBatchesService } from './ingest-batches/ingest-batches.service';
import { RejectedRowEntity } from './ingest-batches/rejected-row.entity';
import { INGESTION_MIGRATIONS } from './migrations';
import type { IncomingMessage } from 'node:http';
import { ErasureGuard } from '@seg/db';
import { RawEventsModule } from './raw-events/raw-events.module';

@Module({})
export class AppModule {
  /** The whole service for one loaded configuration (tests pass their own schema and topic prefix). */
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: INGESTION_CONFIG, useValue: config }, erasureGuardProvider, userInputErrorFilter, subgraphSchemaWriter(config.settings.INGESTION_SCHEMA_FILE)],
      exports: [INGESTION_CONFIG, ErasureGuard],
      imports: [
        ObservabilityModule.forRoot({ service: 'ingestion', metricsPort: config.settings.INGESTION_METRICS_PORT }),
        TypeOrmModule.forRootAsync(
          typeOrmModuleOptions({
            ...config.db,
            schema: config.settings.INGESTION_DB_SCHEMA,
            entities: [CustomerEntity, IngestBatchEntity, RejectedRowEntity],
            migrations: INGESTION_MIGRATIONS,
          }),
        ),
        KafkaModule.forRoot(config.kafka),
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          imports: [CustomersModule, IngestBatchesModule, EraseCustomersModule],
          inject: [CustomersService, IngestBatchesService],
          useFactory: (customers: CustomersService, batches: IngestBatchesService) => ({
            ...subgraphGraphqlOptions(),
            // Fresh loaders per request: batching and caching never leak between requests.
            context: ({ req }: { req: IncomingMessage }): IngestionGraphqlContext & IngestBatchesGraphqlContext & ErasureGraphqlContext => ({
              customerLoader: customers.createLoader(),
              rejectedRowsLoader: batches.createRejectedRowsLoader(),
              req,
            }),
          }),
        }),
        // The CSV upload writes customers as an admin's ingest would: only the platform's own callers (npm run ingest) may use it.
        GatewaySecretModule.forRoot(config.settings.GATEWAY_SUBGRAPH_SECRET, ['graphql', 'v1/customers/csv']),
        CustomersModule,
        IngestBatchesModule,
        CsvUploadModule,
        EraseCustomersModule,
        RawEventsModule,
        HealthModule,
      ],
    };
  }
}
