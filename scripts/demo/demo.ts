/**
 * `npm run demo`, the main job: with the stack and the services already up (the npm script starts them),
 * ingests the demo data, trains and promotes a model, waits until every customer is scored, and prints
 * what a user needs next. Each step says what it does; a failure says which step and why, and exits 1.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Topics } from '@seg/contracts';
import { consumerLag, createKafkaClient, kafkaConfigFromEnv } from '@seg/kafka';
import { chooseDataset } from './dataset';
import { GatewayClient } from './gateway-client';
import { waitFor } from './wait-for';
import { printSummary, type DemoSummary } from './summary';

const ROOT = resolve(__dirname, '..', '..');
// The services read .env through scripts/services.sh; this process reads it the same way.
require(join(ROOT, 'scripts', 'jest', 'load-env.js'));

const env = process.env;
const STACK_DIR = resolve(ROOT, env.STACK_DIR ?? '.stack');
const INGESTION_URL = `http://127.0.0.1:${env.INGESTION_PORT ?? 4001}`;
const GATEWAY_URL = `http://127.0.0.1:${env.GATEWAY_PORT ?? 4000}/graphql`;
const MLFLOW_URL = env.MLFLOW_TRACKING_URI ?? 'http://127.0.0.1:5000';
const say = (line: string) => console.log(`[demo] ${line}`);

function node(script: string, args: string[]): string {
  return execFileSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

async function ingest(file: string): Promise<number> {
  const summary = JSON.parse(node('services/ingestion/src/cli/ingest.ts', [file, '--json', '--url', INGESTION_URL])) as {
    batchId: string;
    read: number;
    accepted: number;
    rejected: number;
    unchanged: number;
  };
  say(`ingested batch ${summary.batchId}: ${summary.read} read, ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.unchanged} unchanged`);
  await waitFor('publishing to customers.features.v1', async () => {
    const health = (await (await fetch(`${INGESTION_URL}/health`)).json()) as { outboxPending?: number };
    return { done: health.outboxPending === 0, status: `${health.outboxPending} events to publish` };
  });
  return summary.accepted;
}

async function caughtUp(groupId: string): Promise<void> {
  const client = createKafkaClient(kafkaConfigFromEnv());
  await waitFor(`consumer group ${groupId}`, async () => {
    const lag = await consumerLag(client, groupId, Topics.customersFeatures);
    return { done: lag === 0, status: lag === 0 ? 'caught up' : `${lag} events behind` };
  });
}

interface TrainingRun {
  id: string;
  status: string;
  stage: string;
  progress: number;
  modelVersion: string | null;
  error: string | null;
  gate: { passed: boolean; reasons: string[] } | null;
}

async function train(gateway: GatewayClient): Promise<TrainingRun> {
  const { trainModel } = await gateway.query<{ trainModel: { id: string } }>('mutation { trainModel { id } }');
  say(`training run ${trainModel.id} started`);
  let run: TrainingRun | null = null;
  await waitFor(
    'training',
    async () => {
      ({ trainingRun: run } = await gateway.query<{ trainingRun: TrainingRun }>(
        'query($id: ID!) { trainingRun(id: $id) { id status stage progress modelVersion error gate { passed reasons } } }',
        { id: trainModel.id },
      ));
      const finished = run.status === 'succeeded' || run.status === 'failed';
      return { done: finished, status: finished ? run.status : `${run.stage} ${run.progress} %` };
    },
    { timeoutSeconds: 900 },
  );
  const done = run as unknown as TrainingRun;
  if (done.status === 'failed') throw new Error(`training run ${done.id} failed: ${done.error}`);
  if (done.gate && !done.gate.passed) say(`version ${done.modelVersion} was not promoted (${done.gate.reasons.join('; ')}); the champion stays`);
  else say(`version ${done.modelVersion} is the champion`);
  return done;
}

async function scored(gateway: GatewayClient, customers: number): Promise<void> {
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
    { timeoutSeconds: 600 },
  );
}

async function main(): Promise<void> {
  const dataset = chooseDataset(ROOT, join(STACK_DIR, 'demo'));
  say(`data: ${dataset.description}`);
  await ingest(dataset.file);

  const token = execFileSync('npm', ['run', '--silent', 'token', '--', '--role', 'admin', '--sub', 'demo'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const gateway = new GatewayClient(GATEWAY_URL, token);
  const { customers } = await gateway.query<{ customers: { totalCount: number } }>('{ customers(first: 1) { totalCount } }');

  await caughtUp(env.TRAINING_CONSUMER_GROUP ?? 'training');
  await train(gateway);
  await caughtUp(env.SCORING_CONSUMER_GROUP ?? 'scoring');
  await scored(gateway, customers.totalCount);

  const summary = await gateway.query<DemoSummary>(
    `{ segments { id label size share offer { title } }
       championModel { version mlflowRunUrl metrics } }`,
  );
  printSummary(summary, { gatewayUrl: GATEWAY_URL, mlflowUrl: MLFLOW_URL, token, customers: customers.totalCount });
}

main().catch((error: Error) => {
  console.error(`[demo] failed: ${error.message}`);
  console.error('[demo] logs: .stack/logs/<service>.log (npm run services -- logs <service>); stop everything with npm run down');
  process.exit(1);
});
