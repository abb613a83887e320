import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { platformTopics, topicName } from '@seg/contracts';
import { dbConfigFromEnv, quoteIdentifier } from '@seg/db';
import { queryRows } from '@seg/db/testing';
import { createKafkaClient, deleteTopics, kafkaConfigFromEnv, provisionTopics } from '@seg/kafka';
import { MlflowClient, mlflowConfigFromEnv } from '@seg/mlflow';
import { freePort, startServiceProcess, type ServiceProcess } from '@seg/nest/testing';
import { PlatformFlow, type RoleTokenSource } from '../platform-flow';

export const ROOT = resolve(__dirname, '..', '..', '..', '..');
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

export type ServiceName = 'ingestion' | 'training' | 'scoring' | 'offers' | 'gateway';
// Subgraphs first: the gateway's /ready asks them.
export const SERVICES: readonly ServiceName[] = ['ingestion', 'training', 'scoring', 'offers', 'gateway'];
const SUBGRAPHS = SERVICES.filter((s) => s !== 'gateway');

/**
 * The whole platform as separate processes on the real local stack, isolated from the local platform
 * of `npm run demo` and from other runs: its own ports, schemas, topic prefix, consumer groups, MLflow
 * model and experiment, and secrets. Every trace is removed by `stop()`.
 */
export interface IsolatedPlatformOptions {
  /** Settings on top of the platform's own, e.g. AUTH_MODE=oidc and the issuer, or OTEL_* to trace it. */
  readonly env?: NodeJS.ProcessEnv;
  /** The identity provider's tokens per role (AUTH_MODE=oidc); local tokens otherwise. */
  readonly tokens?: RoleTokenSource;
}

export class IsolatedPlatform {
  readonly id = randomBytes(3).toString('hex');
  readonly topicPrefix = `e2e.${this.id}.`;
  readonly modelName = `e2e-${this.id}`;
  readonly ports = new Map<ServiceName, number>();
  /** Each service's GET /metrics port. */
  readonly metricsPorts = new Map<ServiceName, number>();
  private readonly processes = new Map<ServiceName, ServiceProcess>();
  private env: NodeJS.ProcessEnv = {};
  private cacheDir = '';
  flow!: PlatformFlow;

  constructor(private readonly options: IsolatedPlatformOptions = {}) {}

  schema(service: Exclude<ServiceName, 'gateway'>): string {
    return `e2e_${this.id}_${service}`;
  }

  url(service: ServiceName, path = '/graphql'): string {
    return `http://127.0.0.1:${this.ports.get(service)}${path}`;
  }

  /** The platform's environment, for tools (npm run token, the ingest CLI) that talk to it. */
  get environment(): NodeJS.ProcessEnv {
    return this.env;
  }

  async start(): Promise<void> {
    for (const service of SERVICES) this.ports.set(service, await freePort());
    for (const service of SERVICES) this.metricsPorts.set(service, await freePort());
    this.cacheDir = await mkdtemp(join(tmpdir(), `e2e-${this.id}-`));
    const groups = { training: `e2e-${this.id}-training`, scoring: `e2e-${this.id}-scoring` };
    this.env = {
      ...process.env,
      NODE_ENV: 'development',
      KAFKA_LOG_LEVEL: 'error',
      GATEWAY_JWT_SECRET: randomBytes(32).toString('hex'),
      GATEWAY_SUBGRAPH_SECRET: randomBytes(16).toString('hex'),
      GATEWAY_PORT: String(this.ports.get('gateway')),
      ...Object.fromEntries(SUBGRAPHS.flatMap((s) => [
        [`${s.toUpperCase()}_PORT`, String(this.ports.get(s))],
        [`${s.toUpperCase()}_URL`, this.url(s)],
        [`${s.toUpperCase()}_DB_SCHEMA`, this.schema(s as Exclude<ServiceName, 'gateway'>)],
        [`${s.toUpperCase()}_TOPIC_PREFIX`, this.topicPrefix],
        [`${s.toUpperCase()}_SCHEMA_FILE`, '-'],
      ])),
      INGESTION_CONSUMER_GROUP: `e2e-${this.id}-ingestion`,
      TRAINING_CONSUMER_GROUP: groups.training,
      SCORING_CONSUMER_GROUP: groups.scoring,
      SCORING_PROMOTIONS_GROUP: `e2e-${this.id}-promotions`,
      TRAINING_MODEL_NAME: this.modelName,
      TRAINING_EXPERIMENT: this.modelName,
      SCORING_MODEL_NAME: this.modelName,
      SCORING_MODEL_CACHE_DIR: this.cacheDir,
      // The sweep is covered by the training tests; the whole-platform flow needs the model only.
      TRAINING_SWEEP: 'none',
      ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_METRICS_PORT`, String(this.metricsPorts.get(s))])),
      ...this.options.env,
    };
    this.flow = new PlatformFlow(
      {
        root: ROOT,
        ingestionUrl: this.url('ingestion', ''),
        gatewayUrl: this.url('gateway'),
        topicPrefix: this.topicPrefix,
        trainingGroup: groups.training,
        scoringGroup: groups.scoring,
        env: this.env,
      },
      () => undefined,
      this.options.tokens,
    );
    await provisionTopics(this.kafka(), this.topics());
    await Promise.all(SUBGRAPHS.map((s) => this.startService(s)));
    await this.startService('gateway');
  }

  kafka() {
    return createKafkaClient(kafkaConfigFromEnv({ ...this.env, KAFKA_LOG_LEVEL: 'error' }));
  }

  topic(name: string): string {
    return topicName(this.topicPrefix, name);
  }

  private topics() {
    return platformTopics({ prefix: this.topicPrefix });
  }

  /** Starts (or restarts) one service; `startTimeoutMs` as `startServiceProcess`'s. */
  async startService(service: ServiceName, options: { startTimeoutMs?: number } = {}): Promise<void> {
    mkdirSync(join(ARTIFACTS, 'logs'), { recursive: true });
    const logFile = join(ARTIFACTS, 'logs', `${this.id}-${service}.log`);
    this.processes.set(service, await startServiceProcess(service, this.ports.get(service) as number, this.env, { logFile, ...options }));
  }

  /** Restarts every service with `extraEnv` on top of the platform's (e.g. OTEL_* to switch tracing on); the data stays. */
  async restart(extraEnv: NodeJS.ProcessEnv): Promise<void> {
    await Promise.all([...this.processes.keys()].map((s) => this.stopService(s)));
    this.env = { ...this.env, ...extraEnv };
    await Promise.all(SUBGRAPHS.map((s) => this.startService(s)));
    await this.startService('gateway');
  }

  /** The process id of a running service. */
  pid(service: ServiceName): number | undefined {
    return this.processes.get(service)?.pid;
  }

  /** Ends a service's process with `signal` (SIGKILL plays a crash) and waits until it is gone. */
  async stopService(service: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.processes.get(service)?.stop(signal);
    this.processes.delete(service);
  }

  /** A query on the platform's database, for assertions on what the services stored. */
  async sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return queryRows<T>(text, values, dbConfigFromEnv(this.env));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((s) => this.stopService(s)));
    await Promise.all(SUBGRAPHS.map((s) => this.sql(`DROP SCHEMA IF EXISTS ${quoteIdentifier(this.schema(s as Exclude<ServiceName, 'gateway'>))} CASCADE`)));
    await deleteTopics(this.kafka(), this.topics().map((t) => t.name));
    await new MlflowClient(mlflowConfigFromEnv(this.env)).deleteRegisteredModel(this.modelName);
    await rm(this.cacheDir, { recursive: true, force: true });
  }
}
