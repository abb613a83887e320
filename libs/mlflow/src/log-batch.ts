import { MlflowError } from './mlflow-error';

export interface MetricPoint {
  key: string;
  value: number;
  /** Defaults to 0, as in MLflow. */
  step?: number;
  /** Milliseconds since the epoch; defaults to the time of the logBatch call. */
  timestamp?: number;
}

export interface LogBatchInput {
  params?: Record<string, string | number | boolean>;
  metrics?: MetricPoint[];
  tags?: Record<string, string>;
}

export interface WireKeyValue {
  key: string;
  value: string;
}

export interface WireMetric {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

/** One `runs/log-batch` body, without the run id. */
export interface LogBatchChunk {
  metrics: WireMetric[];
  params: WireKeyValue[];
  tags: WireKeyValue[];
}

/**
 * The tracking server's limits (mlflow/utils/validation.py of the pinned 3.x server). Values over
 * the length limits are rejected here rather than truncated, so what is logged is what was asked.
 */
export const mlflowBatchLimits = {
  metricsPerRequest: 1000,
  paramsPerRequest: 100,
  tagsPerRequest: 100,
  entitiesPerRequest: 1000,
  requestBytes: 1_000_000,
  keyChars: 250,
  paramValueChars: 6000,
  tagValueChars: 8000,
} as const;

export type MlflowBatchLimits = { [K in keyof typeof mlflowBatchLimits]: number };

// Room for `{"run_id":"…","metrics":[],"params":[],"tags":[]}` around the entities.
const envelopeBytes = 1024;

type Entity = { kind: 'params'; item: WireKeyValue } | { kind: 'tags'; item: WireKeyValue } | { kind: 'metrics'; item: WireMetric };

/**
 * Validates a batch and splits it into requests the server accepts: params first, then tags, then
 * metrics (a run is searchable by its params as early as possible), each request within the count
 * limits and the request size limit. Throws before anything is sent if any entity is invalid, so a
 * batch is never half logged because of a bad value.
 */
export function splitLogBatch(input: LogBatchInput, now: number, limits: MlflowBatchLimits = mlflowBatchLimits): LogBatchChunk[] {
  const entities: Entity[] = [
    ...Object.entries(input.params ?? {}).map(([key, value]) => ({ kind: 'params' as const, item: { key, value: String(value) } })),
    ...Object.entries(input.tags ?? {}).map(([key, value]) => ({ kind: 'tags' as const, item: { key, value } })),
    ...(input.metrics ?? []).map((metric) => ({
      kind: 'metrics' as const,
      item: { key: metric.key, value: metric.value, step: metric.step ?? 0, timestamp: metric.timestamp ?? now },
    })),
  ];
  const problems = entities.flatMap((entity) => problemsOf(entity, limits));
  if (problems.length > 0) {
    throw new MlflowError(`MLflow logBatch refused before sending: ${problems.join('; ')}`, {
      operation: 'logBatch',
      code: 'INVALID_PARAMETER_VALUE',
    });
  }

  const perKind = { params: limits.paramsPerRequest, tags: limits.tagsPerRequest, metrics: limits.metricsPerRequest };
  const chunks: LogBatchChunk[] = [];
  let chunk: LogBatchChunk = { metrics: [], params: [], tags: [] };
  let bytes = envelopeBytes;
  for (const entity of entities) {
    // +1 for the comma between array items.
    const size = Buffer.byteLength(JSON.stringify(entity.item)) + 1;
    const count = chunk.metrics.length + chunk.params.length + chunk.tags.length;
    const full =
      chunk[entity.kind].length >= perKind[entity.kind] || count >= limits.entitiesPerRequest || bytes + size > limits.requestBytes;
    if (full && count > 0) {
      chunks.push(chunk);
      chunk = { metrics: [], params: [], tags: [] };
      bytes = envelopeBytes;
    }
    (chunk[entity.kind] as Array<typeof entity.item>).push(entity.item);
    bytes += size;
  }
  if (chunk.metrics.length + chunk.params.length + chunk.tags.length > 0) chunks.push(chunk);
  return chunks;
}

// The server counts Python characters (code points), not UTF-16 units.
const chars = (text: string) => [...text].length;

function problemsOf(entity: Entity, limits: MlflowBatchLimits): string[] {
  const { kind, item } = entity;
  const label = `${kind.slice(0, -1)} '${item.key.slice(0, 80)}'`;
  const problems: string[] = [];
  if (item.key === '') problems.push(`${kind.slice(0, -1)} with an empty key`);
  if (chars(item.key) > limits.keyChars) problems.push(`${label} key has ${chars(item.key)} characters, over ${limits.keyChars}`);
  if (kind === 'metrics') {
    if (!Number.isFinite(item.value)) problems.push(`${label} value ${item.value} is not a finite number`);
    if (!Number.isSafeInteger(item.step)) problems.push(`${label} step ${item.step} is not an integer`);
    if (!Number.isSafeInteger(item.timestamp) || item.timestamp < 0) {
      problems.push(`${label} timestamp ${item.timestamp} is not a non-negative integer`);
    }
  } else {
    const limit = kind === 'params' ? limits.paramValueChars : limits.tagValueChars;
    if (chars(item.value) > limit) problems.push(`${label} value has ${chars(item.value)} characters, over ${limit}`);
  }
  return problems;
}
