/**
 * `npm run demo`, the main job: with the stack and the services already up (the npm script starts them),
 * ingests the demo data, trains and promotes a model, waits until every customer is scored, and prints
 * what a user needs next. Each step says what it does; a failure says why, and exits 1.
 *
 * `npm run demo -- --oidc` (or AUTH_MODE=oidc in the environment or .env) runs it signed in through the stack's
 * Keycloak: the gateway and the web client are (re)started in that mode, and the demo's own calls use the
 * realm's operator client (client credentials).
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { clientCredentialsToken, LOCAL_REALM, localKeycloakUrl, realmIssuer, renewingToken } from '@seg/identity';
import { PlatformFlow, type BearerToken } from '@seg/platform-client';
import { chooseDataset } from './dataset';
import { printSummary, type DemoSummary, type SignInHint } from './summary';

const ROOT = resolve(__dirname, '..', '..');

const env = process.env;
const say = (line: string) => console.log(`[demo] ${line}`);

/** With --oidc while `npm run up` started the local mode: the stack's Keycloak, then the gateway and web client in OIDC mode. */
function switchToOidc(): void {
  say('signing in through Keycloak (AUTH_MODE=oidc): starting it and restarting the gateway and the web client in that mode');
  env.AUTH_MODE = 'oidc';
  execFileSync('bash', [join(ROOT, 'scripts', 'stack.sh'), 'up', 'keycloak'], { stdio: 'inherit', env });
  execFileSync('bash', [join(ROOT, 'scripts', 'services.sh'), 'up'], { stdio: 'inherit', env });
}

async function main(): Promise<void> {
  if (process.argv.includes('--oidc') && env.AUTH_MODE !== 'oidc') switchToOidc();
  const oidc = env.AUTH_MODE === 'oidc';
  const issuer = env.GATEWAY_OIDC_ISSUER || realmIssuer(localKeycloakUrl(env));
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
    // Automation trains: the operator client's tokens (admin), renewed as they expire.
    oidc ? () => renewingToken(() => clientCredentialsToken({ issuer, ...LOCAL_REALM.operatorClient })) : undefined,
  );
  const dataset = chooseDataset(ROOT, join(resolve(ROOT, env.STACK_DIR ?? '.stack'), 'demo'));
  say(`data: ${dataset.description}`);
  await flow.ingest(dataset.file);

  const token: BearerToken = await flow.bearer('admin');
  const gateway = (await flow.gateway()).withToken(token);
  const { customers } = await gateway.query<{ customers: { totalCount: number } }>('{ customers(first: 1) { totalCount } }');
  await flow.train(gateway);
  await flow.scored(gateway, customers.totalCount);

  const summary = await gateway.query<DemoSummary>('{ segments { id label size share offer { title } } championModel { version mlflowRunUrl metrics } }');
  const signIn: SignInHint = typeof token === 'string' ? { mode: 'local', token } : { mode: 'oidc', issuer };
  printSummary(summary, {
    webUrl: `http://127.0.0.1:${env.WEB_PORT ?? 8080}`,
    gatewayUrl: flow.addresses.gatewayUrl,
    mlflowUrl: env.MLFLOW_TRACKING_URI ?? 'http://127.0.0.1:5000',
    signIn,
    customers: customers.totalCount,
  });
}

main().catch((error: Error) => {
  console.error(`[demo] failed: ${error.message}`);
  console.error('[demo] logs: .stack/logs/<service>.log (npm run services -- logs <service>); stop everything with npm run down');
  process.exit(1);
});
