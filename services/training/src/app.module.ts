import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { GraphQLModule } from '@nestjs/graphql';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ErasureGuard, typeOrmModuleOptions } from '@seg/db';
import { GatewaySecretModule, requestCaller, subgraphGraphqlOptions, subgraphSchemaWriter, userInputErrorFilter } from '@seg/nest';
import { KafkaModule } from '@seg/kafka';
import { ObservabilityModule } from '@seg/observability';
// Before any other file of the service: the object types in the order schema.graphql prints them (see the file).
import './graphql-api/training-graphql.types';
import { TRAINING_CONFIG, type TrainingConfig } from './config/training.config';
import { AliasSyncModule } from './alias-sync/alias-sync.module';
import { CustomerFeaturesConsumerModule } from './customer-features/customer-features-consumer.module';
import type { TrainingGraphqlContext } from './graphql-api/training-graphql.context';
import { TrainingGraphqlModule } from './graphql-api/training-graphql.module';
import { HealthModule } from './health/health.module';
import { TrainingMetricsModule } from './metrics/training-metrics.module';
import { TRAINING_MIGRATIONS } from './migrations';
import { MlflowModule } from './mlflow/mlflow.module';
import { RetrainOnDriftModule } from './retrain-on-drift/retrain-on-drift.module';
import { TrainModelModule } from './train-model/train-model.module';
import { TrainModelScheduler } from './train-model/train-model.scheduler';

@Module({})
export class AppModule {
  /** Database, Kafka producer and MLflow client: what both the service and the one-shot CLI need. */
  static core(config: TrainingConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [
        { provide: TRAINING_CONFIG, useValue: config },
        // One guard for the service: the feature copy's writes and the erasures share its key.
        { provide: ErasureGuard, useValue: ErasureGuard.fromSecret(config.settings.ERASURE_SALT) },
      ],
      exports: [TRAINING_CONFIG, ErasureGuard],
      imports: [
        TypeOrmModule.forRootAsync(typeOrmModuleOptions({ ...config.db, schema: config.settings.TRAINING_DB_SCHEMA, migrations: TRAINING_MIGRATIONS })),
        KafkaModule.forRoot(config.kafka),
        MlflowModule,
      ],
    };
  }

  /** The long-running service: subgraph, feature consumer, optional cron (tests pass their own schema, topics, model). */
  static forRoot(config: TrainingConfig): DynamicModule {
    const core = AppModule.core(config);
    return {
      ...core,
      providers: [...(core.providers ?? []), TrainModelScheduler, userInputErrorFilter, subgraphSchemaWriter(config.settings.TRAINING_SCHEMA_FILE)],
      imports: [
        ...(core.imports ?? []),
        ObservabilityModule.forRoot({ service: 'training', metricsPort: config.settings.TRAINING_METRICS_PORT }),
        ScheduleModule.forRoot(),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          ...subgraphGraphqlOptions(),
          context: ({ req }: { req: IncomingMessage }): TrainingGraphqlContext => ({ caller: requestCaller(req.headers) }),
        }),
        GatewaySecretModule.forRoot(config.settings.GATEWAY_SUBGRAPH_SECRET),
        TrainModelModule,
        TrainingGraphqlModule,
        CustomerFeaturesConsumerModule,
        AliasSyncModule,
        RetrainOnDriftModule,
        HealthModule,
        TrainingMetricsModule,
      ],
    };
  }
}
