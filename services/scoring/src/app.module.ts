import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ErasureGuard, typeOrmModuleOptions } from '@seg/db';
import { KafkaModule } from '@seg/kafka';
import { ObservabilityModule } from '@seg/observability';
import { GatewaySecretModule, subgraphGraphqlOptions, subgraphSchemaWriter, userInputErrorFilter } from '@seg/nest';
// Before any other file of the service: the object types in the order schema.graphql prints them (see the file).
import './graphql-api/scoring-graphql.types';
import { SCORING_CONFIG, type ScoringConfig } from './config/scoring.config';
import { Customer } from './customers/customer.model';
import { EraseCustomersModule } from './erase-customers/erase-customers.module';
import { ScoringGraphqlModule } from './graphql-api/scoring-graphql.module';
import { ScoringLoadersFactory, type ScoringGraphqlContext } from './graphql-api/scoring.loaders';
import { HealthModule } from './health/health.module';
import { SCORING_MIGRATIONS } from './migrations';
import { MlflowModule } from './mlflow/mlflow.module';
import { ModelHealthModule } from './model-health/model-health.module';
import { RescoreModule } from './rescore/rescore.module';
import { ScoreCustomersModule } from './score-customers/score-customers.module';
import { SEGMENT_MEMBERS_ROUTE } from './segment-members/segment-members.controller';
import { SegmentMembersModule } from './segment-members/segment-members.module';

@Module({})
export class AppModule {
  /** The whole service for one loaded configuration (tests pass their own schema, topics, model and cache). */
  static forRoot(config: ScoringConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [
        { provide: SCORING_CONFIG, useValue: config },
        // One guard for the service: every write of customers and every erasure share its key.
        { provide: ErasureGuard, useValue: ErasureGuard.fromSecret(config.settings.ERASURE_SALT) },
        userInputErrorFilter,
        subgraphSchemaWriter(config.settings.SCORING_SCHEMA_FILE),
      ],
      exports: [SCORING_CONFIG, ErasureGuard],
      imports: [
        ObservabilityModule.forRoot({ service: 'scoring', metricsPort: config.settings.SCORING_METRICS_PORT }),
        TypeOrmModule.forRootAsync(typeOrmModuleOptions({ ...config.db, schema: config.settings.SCORING_DB_SCHEMA, migrations: SCORING_MIGRATIONS })),
        KafkaModule.forRoot(config.kafka),
        MlflowModule,
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          imports: [ScoringGraphqlModule, SegmentMembersModule],
          inject: [ScoringLoadersFactory],
          useFactory: (loaders: ScoringLoadersFactory) => ({
            ...subgraphGraphqlOptions(),
            // Customer is reachable from no query here (ingestion owns its lists), only through _entities.
            buildSchemaOptions: { orphanedTypes: [Customer] },
            context: (): ScoringGraphqlContext => ({ loaders: loaders.create() }),
          }),
        }),
        // The export streams customers: only the gateway, which checked the caller's role, may ask for it.
        GatewaySecretModule.forRoot(config.settings.GATEWAY_SUBGRAPH_SECRET, ['graphql', SEGMENT_MEMBERS_ROUTE]),
        EraseCustomersModule,
        ScoreCustomersModule,
        RescoreModule,
        ModelHealthModule,
        ScoringGraphqlModule,
        SegmentMembersModule,
        HealthModule,
      ],
    };
  }
}
