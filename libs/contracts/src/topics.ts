/**
 * The platform's Kafka topics, declared once. The provisioning CLI creates exactly this list, and
 * producers and consumers refer to topics only through `Topics`.
 */
export const Topics = {
  customersRaw: 'customers.raw.v1',
  customersFeatures: 'customers.features.v1',
  customersSegments: 'customers.segments.v1',
  modelsPromoted: 'models.promoted.v1',
  modelsHealth: 'models.health.v1',
  customersErased: 'customers.erased.v1',
  customersRawDlq: 'customers.raw.dlq.v1',
  customersFeaturesDlq: 'customers.features.dlq.v1',
  modelsPromotedDlq: 'models.promoted.dlq.v1',
  modelsHealthDlq: 'models.health.dlq.v1',
  customersErasedDlq: 'customers.erased.dlq.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/**
 * A topic's name under a service's `<SERVICE>_TOPIC_PREFIX`: e.g. "it.3f9a1c07." so that test runs never share
 * topics; empty in production.
 */
export function topicName(prefix: string, topic: string): string {
  return `${prefix}${topic}`;
}

export type CleanupPolicy = 'delete' | 'compact';

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly cleanupPolicy: CleanupPolicy;
  /** `retention.ms`; -1 keeps records forever. Ignored by Kafka while the policy is `compact` only. */
  readonly retentionMs: number;
  readonly description: string;
}

export interface PlatformTopicOptions {
  /** 1 on the single local broker; 3 on a real cluster. */
  readonly replicationFactor?: number;
  /** Put before every name (`topicName`); none by default. */
  readonly prefix?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// Customer topics are keyed by customer id: 3 partitions let 3 consumers share the work, and the
// count must not change later without a plan, because adding partitions moves keys.
const CUSTOMER_PARTITIONS = 3;
// Promotions are rare and must be applied in order.
const MODEL_PARTITIONS = 1;
// Operators need time to look at rejected records after a weekend or a holiday.
const DLQ_RETENTION_MS = 14 * DAY_MS;
const RAW_RETENTION_MS = 7 * DAY_MS;
const KEEP_FOREVER = -1;

const DLQ_MARKER = '.dlq';
const VERSION_SUFFIX = /\.v\d+$/;

/** The dead-letter topic of a consumed topic: `customers.raw.v1` → `customers.raw.dlq.v1`. */
export function dlqTopicFor(topic: string): string {
  const version = VERSION_SUFFIX.exec(topic);
  if (!version) {
    throw new Error(`Cannot derive a DLQ topic for "${topic}": topic names must end with a version such as ".v1"`);
  }
  const base = topic.slice(0, version.index);
  if (base.endsWith(DLQ_MARKER)) {
    throw new Error(`Cannot derive a DLQ topic for "${topic}": it is already a DLQ topic`);
  }
  return `${base}${DLQ_MARKER}${version[0]}`;
}

export function isDlqTopic(topic: string): boolean {
  const version = VERSION_SUFFIX.exec(topic);
  return version !== null && topic.slice(0, version.index).endsWith(DLQ_MARKER);
}

function dlqSpecFor(consumed: TopicSpec): TopicSpec {
  return {
    name: dlqTopicFor(consumed.name),
    partitions: consumed.partitions,
    replicationFactor: consumed.replicationFactor,
    cleanupPolicy: 'delete',
    retentionMs: DLQ_RETENTION_MS,
    description: `Records of ${consumed.name} rejected by their consumer, with the reason in headers`,
  };
}

/** Every topic of the platform, DLQs included, in creation order. */
export function platformTopics(options: PlatformTopicOptions = {}): TopicSpec[] {
  const replicationFactor = options.replicationFactor ?? 1;
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new Error(`Invalid replication factor ${replicationFactor}: expected an integer >= 1`);
  }
  const customersRaw: TopicSpec = {
    name: Topics.customersRaw,
    partitions: CUSTOMER_PARTITIONS,
    replicationFactor,
    cleanupPolicy: 'delete',
    retentionMs: RAW_RETENTION_MS,
    description: 'Raw customer events from external systems, keyed by customer id',
  };
  // Compacted: the latest features of every customer stay readable, so training and a new
  // scoring replica can rebuild their state from the topic alone.
  const customersFeatures: TopicSpec = {
    name: Topics.customersFeatures,
    partitions: CUSTOMER_PARTITIONS,
    replicationFactor,
    cleanupPolicy: 'compact',
    retentionMs: KEEP_FOREVER,
    description: 'Validated customer features, latest per customer id',
  };
  const customersSegments: TopicSpec = {
    name: Topics.customersSegments,
    partitions: CUSTOMER_PARTITIONS,
    replicationFactor,
    cleanupPolicy: 'delete',
    retentionMs: RAW_RETENTION_MS,
    description: 'Segment assignments by the scoring service, keyed by customer id',
  };
  const modelsPromoted: TopicSpec = {
    name: Topics.modelsPromoted,
    partitions: MODEL_PARTITIONS,
    replicationFactor,
    cleanupPolicy: 'compact',
    retentionMs: KEEP_FOREVER,
    description: 'Champion model promotions, latest per model name',
  };
  // Status changes are rare; operators and training's optional retrain read them. Kept like the raw
  // events: an old status change is history, the current status is modelHealth.
  const modelsHealth: TopicSpec = {
    name: Topics.modelsHealth,
    partitions: MODEL_PARTITIONS,
    replicationFactor,
    cleanupPolicy: 'delete',
    retentionMs: RAW_RETENTION_MS,
    description: "Changes of the champion model's drift status (ok, watch, alert, …), keyed by model name",
  };
  // Kept like the raw events: long enough for every consumer to catch up after an outage, and no longer, since each
  // record names a person who asked to be forgotten (the services keep only a keyed hash of the id).
  const customersErased: TopicSpec = {
    name: Topics.customersErased,
    partitions: CUSTOMER_PARTITIONS,
    replicationFactor,
    cleanupPolicy: 'delete',
    retentionMs: RAW_RETENTION_MS,
    description: 'Customers erased on request (right to erasure), with the reason, keyed by customer id',
  };
  const prefix = options.prefix ?? '';
  return [
    customersRaw,
    customersFeatures,
    customersSegments,
    modelsPromoted,
    modelsHealth,
    customersErased,
    ...[customersRaw, customersFeatures, modelsPromoted, modelsHealth, customersErased].map(dlqSpecFor),
  ].map((spec) => ({ ...spec, name: topicName(prefix, spec.name) }));
}
