import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { typeOrmModuleOptions } from '@seg/db';
import { ObservabilityModule } from '@seg/observability';
import { GatewaySecretModule, requestCaller, subgraphGraphqlOptions, subgraphSchemaWriter, userInputErrorFilter } from '@seg/nest';
import type { IncomingMessage } from 'node:http';
import { OFFERS_CONFIG, type OffersConfig } from './config/offers.config';
import type { OffersGraphqlContext } from './graphql-api/offers-graphql.context';
import { HealthModule } from './health/health.module';
import { OFFERS_MIGRATIONS } from './migrations';
import { OfferAuditEntity } from './offers/offer-audit.entity';
import { OfferEntity } from './offers/offer.entity';
import { Segment } from './offers/offer.model';
import { OffersModule } from './offers/offers.module';
import { OffersService } from './offers/offers.service';

@Module({})
export class AppModule {
  /** The whole service for one loaded configuration (tests pass their own schema). */
  static forRoot(config: OffersConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: OFFERS_CONFIG, useValue: config }, userInputErrorFilter, subgraphSchemaWriter(config.settings.OFFERS_SCHEMA_FILE)],
      exports: [OFFERS_CONFIG],
      imports: [
        ObservabilityModule.forRoot({ service: 'offers', metricsPort: config.settings.OFFERS_METRICS_PORT }),
        TypeOrmModule.forRootAsync(
          typeOrmModuleOptions({
            ...config.db,
            schema: config.settings.OFFERS_DB_SCHEMA,
            entities: [OfferEntity, OfferAuditEntity],
            migrations: OFFERS_MIGRATIONS,
          }),
        ),
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          imports: [OffersModule],
          inject: [OffersService],
          useFactory: (offers: OffersService) => ({
            ...subgraphGraphqlOptions(),
            // Segment is reachable from no query here (scoring owns its lists), only through _entities.
            buildSchemaOptions: { orphanedTypes: [Segment] },
            context: ({ req }: { req: IncomingMessage }): OffersGraphqlContext => ({
              offerLoader: offers.createLoader(),
              caller: requestCaller(req.headers),
            }),
          }),
        }),
        GatewaySecretModule.forRoot(config.settings.GATEWAY_SUBGRAPH_SECRET),
        OffersModule,
        HealthModule,
      ],
    };
  }
}
