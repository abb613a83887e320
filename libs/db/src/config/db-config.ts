import { inspect } from 'node:util';
import { DbConfigError } from '../errors';

export interface DbUrlConnection {
  /** `postgres://user:password@host:port/database`, query parameters (e.g. `sslmode`) passed to pg as they are. */
  url: string;
}

export interface DbHostConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export type DbConnection = DbUrlConnection | DbHostConnection;

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULTS = {
  host: '127.0.0.1',
  port: '5433',
  user: 'segmentation',
  password: 'segmentation',
  database: 'segmentation',
};

/**
 * The connection from DATABASE_URL when set, otherwise from POSTGRES_HOST/PORT/USER/PASSWORD/DB with the
 * local stack's defaults. An empty variable counts as unset (a blank line in a .env or a chart value).
 * Refuses with every bad variable at once; the result prints with the password masked.
 */
export function dbConfigFromEnv(env: Env = process.env): DbConnection {
  const read = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const url = read('DATABASE_URL');
  if (url !== undefined) {
    const problem = urlProblem(url);
    if (problem) throw new DbConfigError([`DATABASE_URL ${problem}`]);
    return withMaskedPrinting({ url });
  }

  const problems: string[] = [];
  const portText = read('POSTGRES_PORT') ?? DEFAULTS.port;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65_535) {
    problems.push(`POSTGRES_PORT must be an integer from 1 to 65535, got ${JSON.stringify(portText)}`);
  }
  const host = read('POSTGRES_HOST') ?? DEFAULTS.host;
  if (/\s/.test(host)) problems.push(`POSTGRES_HOST must be a host name or address, got ${JSON.stringify(host)}`);
  const database = read('POSTGRES_DB') ?? DEFAULTS.database;
  if (database.length > 63) problems.push(`POSTGRES_DB must be at most 63 characters, got ${database.length}`);
  const user = read('POSTGRES_USER') ?? DEFAULTS.user;
  if (user.length > 63) problems.push(`POSTGRES_USER must be at most 63 characters, got ${user.length}`);
  if (problems.length > 0) throw new DbConfigError(problems);

  return withMaskedPrinting({
    host,
    port,
    user,
    password: read('POSTGRES_PASSWORD') ?? DEFAULTS.password,
    database,
  });
}

/** The connection as a URL with the password replaced by `***`, safe for logs. */
export function describeDbConnection(connection: DbConnection): string {
  if ('url' in connection) {
    const url = new URL(connection.url);
    if (url.password) url.password = '***';
    return url.toString();
  }
  const { host, port, user, database } = connection;
  return `postgres://${encodeURIComponent(user)}:***@${host}:${port}/${encodeURIComponent(database)}`;
}

function urlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text itself may hold the password, so it is not repeated.
    return 'is not a valid URL';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `must start with postgres:// or postgresql://, got ${url.protocol}//`;
  }
  if (url.hostname === '') return 'has no host';
  if (url.pathname.length <= 1) return 'has no database name (…/<database>)';
  return undefined;
}

/** console.log, util.inspect, JSON.stringify and template strings all print the masked form. */
function withMaskedPrinting<T extends DbConnection>(connection: T): T {
  const masked = (): string => describeDbConnection(connection);
  return Object.defineProperties(connection, {
    toString: { value: masked },
    toJSON: { value: masked },
    [inspect.custom]: { value: masked },
  });
}
