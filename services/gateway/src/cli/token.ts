import { loadConfigOrExit } from '@seg/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AccessTokenError, signAccessToken } from '../auth/access-token';
import { isRole, ROLES } from '../auth/roles';
import { loadGatewayConfig } from '../config/gateway.config';

const USAGE = `usage: npm run token -- --role ${ROLES.join('|')} [--sub <user id>] [--ttl 12h]`;
const ENV_FILE = join(__dirname, '..', '..', '..', '..', '.env');

/** `npm run token`: an access token signed with the gateway's secret, from the environment or .env as the gateway reads it. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string' }, sub: { type: 'string' }, ttl: { type: 'string', default: '12h' } } });
  if (!isRole(values.role)) {
    console.error(USAGE);
    process.exit(2);
  }
  // Set variables win over .env, as for the services.
  if (existsSync(ENV_FILE)) process.loadEnvFile(ENV_FILE);
  const config = loadConfigOrExit(loadGatewayConfig);
  console.log(await signAccessToken({ sub: values.sub ?? `local-${values.role}`, role: values.role }, config.GATEWAY_JWT_SECRET, values.ttl));
}

main().catch((error: unknown) => {
  console.error(error instanceof AccessTokenError || error instanceof TypeError ? `${error.message}\n${USAGE}` : error);
  process.exit(1);
});
