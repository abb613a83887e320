export { mlflowBatchLimits, splitLogBatch } from './log-batch';
export type { LogBatchInput, MetricPoint } from './log-batch';
export { MlflowClient } from './mlflow-client';
export { MlflowConfigError, mlflowConfigFromEnv } from './mlflow-config';
export type { MlflowConfig } from './mlflow-config';
export { isMlflowError, MlflowError } from './mlflow-error';
export type { MlflowErrorCode } from './mlflow-error';
export type { FetchFn, MlflowHttpOptions, SleepFn } from './mlflow-http';
export type * from './mlflow-types';
