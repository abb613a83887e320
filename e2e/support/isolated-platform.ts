import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { platformTopics } from '@seg/contracts';
import { dbConfigFromEnv, quoteIdentifier } from '@seg/db';
import { createKafkaClient, deleteTopics, kafkaConfigFromEnv, provisionTopics } from '@seg/kafka';
import { MlflowClient, mlflowConfigFromEnv } from '@seg/mlflow';
import { Client } from 'pg';
import { PlatformFlow } from '@seg/platform-client';

export const ROOT = resolve(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

export type ServiceName = 'ingestion' | 'training' | 'scoring' | 'offers' | 'gateway';
// Subgraphs first: the gateway's /ready asks them.
const SERVICES: readonly ServiceName[] = ['ingestion', 'training', 'scoring', 'offers', 'gateway'];
const SUBGRAPHS = SERVICES.filter((s) => s !== 'gateway');
const START_TIMEOUT_MS = 120_000;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The whole platform as separate processes on the real local stack, isolated from the local platform
 * of `npm run demo` and from other runs: its own ports, schemas, topic prefix, consumer groups, MLflow
 * model and experiment, and secrets. Every trace is removed by `stop()`.
 */
export class IsolatedPlatform {
  readonly id = randomBytes(3).toString('hex');
  readonly topicPrefix = `e2e.${this.id}.`;
  readonly modelName = `e2e-${this.id}`;
  readonly ports = new Map<ServiceName, number>();
  private readonly processes = new Map<ServiceName, ChildProcess>();
  private env: NodeJS.ProcessEnv = {};
  private cacheDir = '';
  flow!: PlatformFlow;

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
    );
    await provisionTopics(this.kafka(), this.topics());
    await Promise.all(SUBGRAPHS.map((s) => this.startService(s)));
    await this.startService('gateway');
  }

  kafka() {
    return createKafkaClient(kafkaConfigFromEnv({ ...this.env, KAFKA_LOG_LEVEL: 'error' }));
  }

  topic(name: string): string {
    return `${this.topicPrefix}${name}`;
  }

  private topics() {
    return platformTopics().map((spec) => ({ ...spec, name: this.topic(spec.name) }));
  }

  async startService(service: ServiceName): Promise<void> {
    mkdirSync(join(ARTIFACTS, 'logs'), { recursive: true });
    const log = createWriteStream(join(ARTIFACTS, 'logs', `${this.id}-${service}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'services', service, 'src', 'main.ts')], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.processes.set(service, child);
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode} during start-up; see e2e/artifacts/logs/${this.id}-${service}.log`);
      const healthy = await fetch(this.url(service, '/health')).then((r) => r.ok, () => false);
      if (healthy) return;
      if (Date.now() - started > START_TIMEOUT_MS) throw new Error(`${service} not healthy after ${START_TIMEOUT_MS / 1000} s`);
      await sleep(300);
    }
  }

  /** Ends a service's process with `signal` and waits until it is gone. */
  async stopService(service: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.processes.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    this.processes.delete(service);
  }

  /** A query on the platform's database, for assertions on what the services stored. */
  async sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const connection = dbConfigFromEnv(this.env);
    const client = new Client('url' in connection ? { connectionString: connection.url } : connection);
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((s) => this.stopService(s)));
    await Promise.all(SUBGRAPHS.map((s) => this.sql(`DROP SCHEMA IF EXISTS ${quoteIdentifier(this.schema(s as Exclude<ServiceName, 'gateway'>))} CASCADE`)));
    await deleteTopics(this.kafka(), this.topics().map((t) => t.name));
    await new MlflowClient(mlflowConfigFromEnv(this.env)).deleteRegisteredModel(this.modelName);
    await rm(this.cacheDir, { recursive: true, force: true });
  }
}
