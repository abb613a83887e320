import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { Topics } from '@seg/contracts';
import { consumerLag, createKafkaClient, kafkaConfigFromEnv } from '@seg/kafka';
import { GatewayClient, type BearerToken } from './gateway-client';
import { waitFor } from './wait-for';

/** Where one running platform is: the local one of `npm run demo`, or an isolated one of the e2e tests. */
export interface PlatformAddresses {
  readonly root: string;
  readonly ingestionUrl: string;
  readonly gatewayUrl: string;
  /** Prepended to the platform's topic names (empty for the local platform). */
  readonly topicPrefix: string;
  readonly trainingGroup: string;
  readonly scoringGroup: string;
  /** The environment the platform's processes run with (Kafka, JWT secret, …). */
  readonly env: NodeJS.ProcessEnv;
}

export interface IngestSummary {
  readonly batchId: string;
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly unchanged: number;
}

export interface TrainingRunResult {
  readonly id: string;
  readonly status: string;
  readonly stage: string;
  readonly progress: number;
  readonly modelVersion: string | null;
  readonly error: string | null;
  readonly gate: { passed: boolean; reasons: string[] } | null;
}

export type Role = 'viewer' | 'analyst' | 'admin';

/** Where a role's tokens come from when the platform runs with AUTH_MODE=oidc (an identity provider's clients). */
export type RoleTokenSource = (role: Role) => () => Promise<string>;

/** The steps from a CSV file to scored customers, as a user drives them: the CLI, the gateway, Kafka. */
export class PlatformFlow {
  /** `tokens`: the identity provider's tokens per role; without it, local tokens from `npm run token`. */
  constructor(
    readonly addresses: PlatformAddresses,
    private readonly log: (line: string) => void = (line) => console.log(line),
    private readonly tokens?: RoleTokenSource,
  ) {}

  // Asynchronous on purpose: a caller's event loop blocked for seconds lets the server close idle
  // keep-alive sockets unseen, and the next request on one fails with "other side closed".
  private async run(command: string, args: string[]): Promise<string> {
    const { stdout } = await promisify(execFile)(command, args, { cwd: this.addresses.root, env: this.addresses.env, encoding: 'utf8' });
    return stdout;
  }

  /** A signed token for the platform's gateway, from `npm run token`. */
  async token(role: Role, sub = 'demo'): Promise<string> {
    return (await this.run('npm', ['run', '--silent', 'token', '--', '--role', role, '--sub', sub])).trim();
  }

  /** A client of the gateway, with tokens of `role`, or anonymous. */
  async gateway(role?: Role): Promise<GatewayClient> {
    return new GatewayClient(this.addresses.gatewayUrl, role ? await this.bearer(role) : undefined);
  }

  /** The identity provider's renewing source for `role`, or one local token. */
  async bearer(role: Role): Promise<BearerToken> {
    return this.tokens ? this.tokens(role) : this.token(role);
  }

  /** `npm run ingest` of one file, then waits until every accepted change is on the features topic. */
  async ingest(file: string): Promise<IngestSummary> {
    const cli = join(this.addresses.root, 'services/ingestion/src/cli/ingest.ts');
    const summary = JSON.parse(await this.run(process.execPath, ['-r', '@swc-node/register', cli, file, '--json', '--url', this.addresses.ingestionUrl])) as IngestSummary;
    this.log(`ingested batch ${summary.batchId}: ${summary.read} read, ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.unchanged} unchanged`);
    await waitFor(
      'publishing to customers.features.v1',
      async () => {
        const health = (await (await fetch(`${this.addresses.ingestionUrl}/health`)).json()) as { outboxPending?: number };
        return { done: health.outboxPending === 0, status: `${health.outboxPending} events to publish` };
      },
      { log: this.log },
    );
    return summary;
  }

  /** Waits until a consumer group has committed everything on the features topic. */
  async caughtUp(groupId: string): Promise<void> {
    const client = createKafkaClient(kafkaConfigFromEnv(this.addresses.env));
    const topic = `${this.addresses.topicPrefix}${Topics.customersFeatures}`;
    await waitFor(
      `consumer group ${groupId}`,
      async () => {
        const lag = await consumerLag(client, groupId, topic);
        return { done: lag === 0, status: lag === 0 ? 'caught up' : `${lag} events behind` };
      },
      { log: this.log },
    );
  }

  /** Starts a run with the `trainModel` mutation and follows it to the end; a failed run throws. */
  async train(gateway: GatewayClient): Promise<TrainingRunResult> {
    await this.caughtUp(this.addresses.trainingGroup);
    const { trainModel } = await gateway.query<{ trainModel: { id: string } }>('mutation { trainModel { id } }');
    this.log(`training run ${trainModel.id} started`);
    let run: TrainingRunResult | undefined;
    await waitFor(
      'training',
      async () => {
        ({ trainingRun: run } = await gateway.query<{ trainingRun: TrainingRunResult }>(
          'query($id: ID!) { trainingRun(id: $id) { id status stage progress modelVersion error gate { passed reasons } } }',
          { id: trainModel.id },
        ));
        const finished = run.status === 'succeeded' || run.status === 'failed';
        return { done: finished, status: finished ? run.status : `${run.stage} ${run.progress} %` };
      },
      { timeoutSeconds: 900, log: this.log },
    );
    const done = run as TrainingRunResult;
    if (done.status === 'failed') throw new Error(`training run ${done.id} failed: ${done.error}`);
    if (done.gate && !done.gate.passed) this.log(`version ${done.modelVersion} was not promoted (${done.gate.reasons.join('; ')}); the champion stays`);
    else this.log(`version ${done.modelVersion} is the champion`);
    return done;
  }

  /** Waits until scoring has caught up and `customers` customers hold an assignment, re-scoring finished. */
  async scored(gateway: GatewayClient, customers: number): Promise<void> {
    await this.caughtUp(this.addresses.scoringGroup);
    await waitFor(
      'scoring',
      async () => {
        const { segments, rescoreProgress } = await gateway.query<{
          segments: { size: number }[];
          rescoreProgress: { status: string; done: number; total: number } | null;
        }>('{ segments { size } rescoreProgress { status done total } }');
        const assigned = segments.reduce((sum, s) => sum + s.size, 0);
        const rescoring = rescoreProgress && rescoreProgress.status !== 'succeeded' ? `, re-scoring ${rescoreProgress.done}/${rescoreProgress.total}` : '';
        return { done: assigned === customers && rescoring === '', status: `${assigned} of ${customers} customers scored${rescoring}` };
      },
      { timeoutSeconds: 600, log: this.log },
    );
  }
}
