import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { typeOrmModuleOptions } from '@seg/db';
import { KafkaModule } from '@seg/kafka';
import { ObservabilityModule } from '@seg/observability';
import { GatewaySecretModule, subgraphGraphqlOptions, subgraphSchemaWriter, userInputErrorFilter } from '@seg/nest';
import { SCORING_CONFIG, type ScoringConfig } from './config/scoring.config';
import { ScoringGraphqlModule } from './graphql/scoring-graphql.module';
import { ScoringLoadersFactory, type ScoringGraphqlContext } from './graphql/scoring.loaders';
import { Customer } from './graphql/scoring.models';
import { HealthModule } from './health/health.module';
import { SCORING_MIGRATIONS } from './migrations';
import { MlflowModule } from './mlflow/mlflow.module';
import { ModelHealthModule } from './model-health/model-health.module';
import { RescoreModule } from './rescore/rescore.module';
import { ScoreCustomersModule } from './score-customers/score-customers.module';

@Module({})
export class AppModule {
  /** The whole service for one loaded configuration (tests pass their own schema, topics, model and cache). */
  static forRoot(config: ScoringConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: SCORING_CONFIG, useValue: config }, userInputErrorFilter, subgraphSchemaWriter(config.settings.SCORING_SCHEMA_FILE)],
      exports: [SCORING_CONFIG],
      imports: [
        ObservabilityModule.forRoot({ service: 'scoring', metricsPort: config.settings.SCORING_METRICS_PORT }),
        TypeOrmModule.forRootAsync(typeOrmModuleOptions({ ...config.db, schema: config.settings.SCORING_DB_SCHEMA, migrations: SCORING_MIGRATIONS })),
        KafkaModule.forRoot(config.kafka),
        MlflowModule,
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          imports: [ScoringGraphqlModule],
          inject: [ScoringLoadersFactory],
          useFactory: (loaders: ScoringLoadersFactory) => ({
            ...subgraphGraphqlOptions(),
            // Customer is reachable from no query here (ingestion owns its lists), only through _entities.
            buildSchemaOptions: { orphanedTypes: [Customer] },
            context: (): ScoringGraphqlContext => ({ loaders: loaders.create() }),
          }),
        }),
        GatewaySecretModule.forRoot(config.settings.GATEWAY_SUBGRAPH_SECRET),
        ScoreCustomersModule,
        RescoreModule,
        ModelHealthModule,
        ScoringGraphqlModule,
        HealthModule,
      ],
    };
  }
}
