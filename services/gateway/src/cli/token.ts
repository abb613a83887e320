import { loadConfigOrExit } from '@seg/config';
import { parseArgs } from 'node:util';
import { AccessTokenError } from '../auth/access-errors';
import { signAccessToken } from '../auth/access-token';
import { isRole, ROLES } from '../auth/roles';
import { formatTimeSpan, parseTimeSpan } from '../auth/time-span';
import { loadGatewayConfig } from '../config/gateway.config';

const USAGE = `usage: npm run token -- --role ${ROLES.join('|')} [--sub <user id>] [--name <user name>] [--ttl 12h] (90s, 30m, 12h, 7d; at most GATEWAY_MAX_TOKEN_TTL)`;

function ttlSeconds(ttl: string): number {
  try {
    return parseTimeSpan(ttl);
  } catch (error) {
    throw new AccessTokenError(`--ttl ${(error as Error).message}`);
  }
}

/**
 * `npm run token`: an AUTH_MODE=local access token signed with the gateway's secret, from the environment or .env
 * (which the npm script preloads, scripts/env/load-env.js) as the gateway reads it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string' }, sub: { type: 'string' }, name: { type: 'string' }, ttl: { type: 'string', default: '12h' } } });
  if (!isRole(values.role)) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfigOrExit(loadGatewayConfig);
  if (config.auth.mode !== 'local') {
    throw new AccessTokenError(`AUTH_MODE=${config.auth.mode}: the gateway accepts tokens of ${config.auth.GATEWAY_OIDC_ISSUER} only (the README's Sign-in section shows a machine client's token with curl)`);
  }
  const ttl = ttlSeconds(values.ttl);
  if (ttl > config.GATEWAY_MAX_TOKEN_TTL) {
    throw new AccessTokenError(`--ttl ${values.ttl} exceeds GATEWAY_MAX_TOKEN_TTL (${formatTimeSpan(config.GATEWAY_MAX_TOKEN_TTL)}): the gateway would refuse the token`);
  }
  console.log(await signAccessToken({ sub: values.sub ?? `local-${values.role}`, name: values.name, role: values.role }, config.auth.GATEWAY_JWT_SECRET, ttl));
}

main().catch((error: unknown) => {
  console.error(error instanceof AccessTokenError || error instanceof TypeError ? `${error.message}\n${USAGE}` : error);
  process.exit(1);
});
