import type { WireKeyValue } from './log-batch';
import type {
  LifecycleStage,
  MlflowExperiment,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  ModelVersionStatus,
  RunStatus,
} from './mlflow-types';

// The JSON shapes of the REST API (snake_case, optional where MLflow omits unset proto fields) and
// their mapping to the client's types. int64 fields may arrive as strings depending on the server's
// serializer, hence `number | string`.
type Int64 = number | string;

export interface WireExperiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  tags?: WireKeyValue[];
}

export interface WireMetricValue {
  key: string;
  value: number | string;
  step?: Int64;
  timestamp?: Int64;
}

export interface WireRun {
  info: {
    run_id: string;
    run_name?: string;
    experiment_id: string;
    status?: string;
    start_time?: Int64;
    end_time?: Int64;
    artifact_uri?: string;
    lifecycle_stage?: string;
  };
  data?: { metrics?: WireMetricValue[]; params?: WireKeyValue[]; tags?: WireKeyValue[] };
}

export interface WireRegisteredModel {
  name: string;
  description?: string;
  tags?: WireKeyValue[];
  aliases?: Array<{ alias: string; version: string }>;
}

export interface WireModelVersion {
  name: string;
  version: string;
  source?: string;
  run_id?: string;
  status?: string;
  status_message?: string;
  description?: string;
  tags?: WireKeyValue[];
  aliases?: string[];
  creation_timestamp?: Int64;
}

export const toWireTags = (tags: Record<string, string> = {}): WireKeyValue[] =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));

const fromWireTags = (tags: WireKeyValue[] = []): Record<string, string> => Object.fromEntries(tags.map(({ key, value }) => [key, value]));

const optionalNumber = (value: Int64 | undefined): number | undefined => (value === undefined ? undefined : Number(value));

const lifecycle = (stage: string | undefined): LifecycleStage => (stage === 'deleted' ? 'deleted' : 'active');

export function fromWireExperiment(wire: WireExperiment): MlflowExperiment {
  return {
    experimentId: wire.experiment_id,
    name: wire.name,
    artifactLocation: wire.artifact_location ?? '',
    lifecycleStage: lifecycle(wire.lifecycle_stage),
    tags: fromWireTags(wire.tags),
  };
}

export function fromWireRun(wire: WireRun): MlflowRun {
  const { info, data = {} } = wire;
  const metrics: Record<string, MlflowMetric> = {};
  for (const metric of data.metrics ?? []) {
    metrics[metric.key] = fromWireMetric(metric);
  }
  return {
    info: {
      runId: info.run_id,
      runName: info.run_name ?? '',
      experimentId: info.experiment_id,
      status: (info.status ?? 'RUNNING') as RunStatus,
      startTime: optionalNumber(info.start_time),
      endTime: optionalNumber(info.end_time),
      artifactUri: info.artifact_uri ?? '',
      lifecycleStage: lifecycle(info.lifecycle_stage),
    },
    params: fromWireTags(data.params),
    tags: fromWireTags(data.tags),
    metrics,
  };
}

export function fromWireMetric(wire: WireMetricValue): MlflowMetric {
  // MLflow writes NaN and ±Infinity as JSON strings.
  return { key: wire.key, value: Number(wire.value), step: Number(wire.step ?? 0), timestamp: Number(wire.timestamp ?? 0) };
}

export function fromWireRegisteredModel(wire: WireRegisteredModel): MlflowRegisteredModel {
  return {
    name: wire.name,
    description: wire.description,
    tags: fromWireTags(wire.tags),
    aliases: Object.fromEntries((wire.aliases ?? []).map(({ alias, version }) => [alias, version])),
  };
}

export function fromWireModelVersion(wire: WireModelVersion): MlflowModelVersion {
  return {
    name: wire.name,
    version: wire.version,
    source: wire.source ?? '',
    runId: wire.run_id || undefined,
    status: (wire.status ?? 'READY') as ModelVersionStatus,
    statusMessage: wire.status_message || undefined,
    description: wire.description || undefined,
    tags: fromWireTags(wire.tags),
    aliases: wire.aliases ?? [],
    creationTimestamp: optionalNumber(wire.creation_timestamp),
  };
}
