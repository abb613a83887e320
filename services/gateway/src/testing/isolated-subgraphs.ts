import { platformTopics } from '@seg/contracts';
import { createThrowawaySchema, type ThrowawaySchema } from '@seg/db/testing';
import { createKafkaClient, deleteTopics, kafkaConfigFromEnv, provisionTopics } from '@seg/kafka';
import { randomBytes } from 'node:crypto';
import { freePort, startServiceProcess, type ServiceProcess } from '@seg/nest/testing';

export type SubgraphName = 'ingestion' | 'training' | 'scoring' | 'offers';

/**
 * Subgraphs running from their entry points on the local stack, isolated from other runs: each its own port,
 * throwaway schema (the service migrates it) and consumer group, one topic prefix shared by all of them (so
 * ingestion's events reach training), unique MLflow model and experiment names (a boot writes nothing to MLflow).
 * `close()` stops the processes, drops the schemas and deletes the topics.
 */
export class IsolatedSubgraphs {
  readonly id = randomBytes(4).toString('hex');
  readonly topicPrefix = `it.gw.${this.id}.`;
  private readonly processes = new Map<SubgraphName, ServiceProcess>();
  private readonly schemas = new Map<SubgraphName, ThrowawaySchema>();
  private readonly kafka = createKafkaClient(kafkaConfigFromEnv({ ...process.env, KAFKA_LOG_LEVEL: 'error' }));
  private readonly topics = platformTopics({ prefix: this.topicPrefix });
  private provisioned = false;

  /** `env`: settings every subgraph gets on top of the test's own environment (e.g. GATEWAY_SUBGRAPH_SECRET). */
  constructor(private readonly env: NodeJS.ProcessEnv = {}) {}

  /** Starts the subgraphs in parallel; on failure, those already started stay registered for `close()`. */
  async start(names: readonly SubgraphName[]): Promise<Record<SubgraphName, ServiceProcess>> {
    await provisionTopics(this.kafka, this.topics);
    this.provisioned = true;
    await Promise.all(names.map((name) => this.startOne(name)));
    return Object.fromEntries(this.processes) as Record<SubgraphName, ServiceProcess>;
  }

  async close(): Promise<void> {
    try {
      await Promise.all([...this.processes.values()].map((subgraph) => subgraph.stop()));
    } finally {
      await Promise.all([...this.schemas.values()].map((schema) => schema.drop()));
      if (this.provisioned) await deleteTopics(this.kafka, this.topics.map((topic) => topic.name));
    }
  }

  /** The throwaway schema a started subgraph owns (tests seed or inspect its tables). */
  schemaOf(name: SubgraphName): string {
    const schema = this.schemas.get(name);
    if (!schema) throw new Error(`${name} was not started`);
    return schema.name;
  }

  private async startOne(name: SubgraphName): Promise<void> {
    const schema = await createThrowawaySchema(`it_gw_${name}`);
    this.schemas.set(name, schema);
    const port = await freePort();
    const prefix = name.toUpperCase();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_LOG_LEVEL: 'error',
      ...this.env,
      [`${prefix}_PORT`]: String(port),
      [`${prefix}_METRICS_PORT`]: String(await freePort()),
      [`${prefix}_DB_SCHEMA`]: schema.name,
      [`${prefix}_TOPIC_PREFIX`]: this.topicPrefix,
      [`${prefix}_CONSUMER_GROUP`]: `it-gw-${this.id}-${name}`,
      [`${prefix}_SCHEMA_FILE`]: '-',
      ...(name === 'training' ? { TRAINING_MODEL_NAME: `it-gw-${this.id}`, TRAINING_EXPERIMENT: `it-gw-${this.id}` } : {}),
      // No champion of its own: scoring serves what the test puts in its schema and re-scores nothing.
      ...(name === 'scoring' ? { SCORING_MODEL_NAME: `it-gw-${this.id}`, SCORING_PROMOTIONS_GROUP: `it-gw-${this.id}-promotions`, SCORING_DRIFT_MONITOR: 'off' } : {}),
    };
    this.processes.set(name, await startServiceProcess(name, port, env));
  }
}
