import {
  Inject,
  Logger,
  Module,
  RequestMethod,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { DataSource } from 'typeorm';
import { requestContextMiddleware } from '../logging/request-context';
import { consumerMetrics } from '../metrics/consumer-metrics';
import { dbPoolMetrics, type PoolStats } from '../metrics/db-pool-metrics';
import { Metrics } from '../metrics/metrics';
import { startMetricsServer, type MetricsServer } from '../metrics/metrics-server';
import { serverSpans, stopTracing } from '../tracing';

export interface ObservabilityOptions {
  /** The service's name, as in its metrics' and logs' `service`. */
  readonly service: string;
  /** Port of `GET /metrics`; 0 lets the system choose (tests), null serves none (the metrics stay readable in-process). */
  readonly metricsPort: number | null;
}

const OPTIONS = Symbol('OBSERVABILITY_OPTIONS');

/**
 * A service's metrics (the `Metrics` provider, global), its `/metrics` port, the request id of every log line, and
 * a SERVER span per request when tracing is on.
 * What the application holds is measured without a line in the service: the PostgreSQL pool of its TypeORM
 * DataSource and its Kafka consumers (libs/kafka's registry), when it has them.
 */
@Module({})
export class ObservabilityModule implements NestModule, OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Observability');
  private server: MetricsServer | null = null;

  constructor(
    @Inject(OPTIONS) private readonly options: ObservabilityOptions,
    private readonly metrics: Metrics,
    private readonly moduleRef: ModuleRef,
  ) {}

  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      providers: [{ provide: OPTIONS, useValue: options }, { provide: Metrics, useValue: new Metrics() }],
      exports: [Metrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Module middleware runs after the application's body parser: the span's context needs no binding to the body's events.
    consumer.apply(serverSpans(), requestContextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  onModuleInit(): void {
    const consumers = this.optional(KafkaConsumerRegistry);
    if (consumers) consumers.observe(consumerMetrics(this.metrics, () => consumers.list()));
    const dataSource = this.optional(DataSource);
    if (dataSource) dbPoolMetrics(this.metrics, () => (dataSource.isInitialized ? ((dataSource.driver as unknown as { master?: PoolStats }).master ?? null) : null));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.metricsPort === null) return;
    this.server = await startMetricsServer(this.metrics, this.options.metricsPort);
    this.logger.log(`Metrics at http://0.0.0.0:${this.server.port}/metrics`);
  }

  /** The port `/metrics` listens on, once bootstrapped (tests start it on port 0). */
  get metricsPort(): number | null {
    return this.server?.port ?? null;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = null;
    await stopTracing();
  }

  private optional<T>(token: abstract new (...args: never[]) => T): T | null {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return null;
    }
  }
}
