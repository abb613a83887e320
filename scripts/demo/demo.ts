/**
 * `npm run demo`, the main job: with the stack and the services already up (the npm script starts them),
 * ingests the demo data, trains and promotes a model, waits until every customer is scored, and prints
 * what a user needs next. Each step says what it does; a failure says why, and exits 1.
 */
import { join, resolve } from 'node:path';
import { chooseDataset } from './dataset';
import { PlatformFlow } from '@seg/platform-client';
import { printSummary, type DemoSummary } from './summary';

const ROOT = resolve(__dirname, '..', '..');

const env = process.env;
const say = (line: string) => console.log(`[demo] ${line}`);

async function main(): Promise<void> {
  const flow = new PlatformFlow(
    {
      root: ROOT,
      ingestionUrl: `http://127.0.0.1:${env.INGESTION_PORT ?? 4001}`,
      gatewayUrl: `http://127.0.0.1:${env.GATEWAY_PORT ?? 4000}/graphql`,
      topicPrefix: '',
      trainingGroup: env.TRAINING_CONSUMER_GROUP ?? 'training',
      scoringGroup: env.SCORING_CONSUMER_GROUP ?? 'scoring',
      env,
    },
    say,
  );
  const dataset = chooseDataset(ROOT, join(resolve(ROOT, env.STACK_DIR ?? '.stack'), 'demo'));
  say(`data: ${dataset.description}`);
  await flow.ingest(dataset.file);

  const token = await flow.token('admin');
  const gateway = (await flow.gateway()).withToken(token);
  const { customers } = await gateway.query<{ customers: { totalCount: number } }>('{ customers(first: 1) { totalCount } }');
  await flow.train(gateway);
  await flow.scored(gateway, customers.totalCount);

  const summary = await gateway.query<DemoSummary>('{ segments { id label size share offer { title } } championModel { version mlflowRunUrl metrics } }');
  printSummary(summary, {
    webUrl: `http://127.0.0.1:${env.WEB_PORT ?? 8080}`,
    gatewayUrl: flow.addresses.gatewayUrl,
    mlflowUrl: env.MLFLOW_TRACKING_URI ?? 'http://127.0.0.1:5000',
    token,
    customers: customers.totalCount,
  });
}

main().catch((error: Error) => {
  console.error(`[demo] failed: ${error.message}`);
  console.error('[demo] logs: .stack/logs/<service>.log (npm run services -- logs <service>); stop everything with npm run down');
  process.exit(1);
});
