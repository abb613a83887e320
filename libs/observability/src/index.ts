export { Metrics, BoundedLabel, DURATION_BUCKETS, LONG_DURATION_BUCKETS, BATCH_SIZE_BUCKETS } from './metrics/metrics';
export { startMetricsServer, type MetricsServer } from './metrics/metrics-server';
export { consumerMetrics } from './metrics/consumer-metrics';
export { dbPoolMetrics, type PoolStats } from './metrics/db-pool-metrics';
export { createLogger, scrubSecrets, LOG_LEVELS, type LogLevel, type Logger, type LoggerOptions } from './logging/logger';
export { NestPinoLogger } from './logging/nest-logger';
export { currentRequestId, requestContextMiddleware, requestIdOf, withRequestId } from './logging/request-context';
export { ObservabilityModule, type ObservabilityOptions } from './nest/observability.module';
