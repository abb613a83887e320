/** How the command-line tools reach the gateway: `--gateway`/`SEG_GATEWAY_URL` and `--token`/`SEG_TOKEN`. */
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql';

export class UsageError extends Error {}

export interface GatewayAccess {
  readonly gatewayUrl: string;
  readonly token: string;
}

export function gatewayAccess(values: { gateway?: string; token?: string }, env: NodeJS.ProcessEnv, role: string): GatewayAccess {
  const gatewayUrl = values.gateway ?? env.SEG_GATEWAY_URL ?? DEFAULT_GATEWAY_URL;
  try {
    new URL(gatewayUrl);
  } catch {
    throw new UsageError(`--gateway (or SEG_GATEWAY_URL) is not a URL: ${JSON.stringify(gatewayUrl)}`);
  }
  const token = (values.token ?? env.SEG_TOKEN ?? '').trim();
  if (token === '') throw new UsageError(`an access token of the ${role} role or above is needed: --token <jwt> or SEG_TOKEN (locally: export SEG_TOKEN=$(npm run -s token -- --role ${role}))`);
  return { gatewayUrl, token };
}

/** A progress line on stderr that rewrites itself on a terminal and is one line per report otherwise. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): (line: string, last?: boolean) => void {
  return (line, last = false) => {
    if (stream.isTTY) stream.write(`\r\x1b[K${line}${last ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}
