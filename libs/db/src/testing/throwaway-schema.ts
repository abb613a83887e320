import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dbConfigFromEnv, type DbConnection } from '../config/db-config';
import { quoteIdentifier } from '../sql/identifiers';

export interface ThrowawaySchema {
  /** Unique per call, e.g. `it_db_3f9a1c07`. */
  name: string;
  connection: DbConnection;
  /** Drops the schema and everything in it; safe to call twice. */
  drop(): Promise<void>;
}

/** `<prefix>_<8 hex>`: unique enough that parallel runs and engineers never share a schema. */
export function uniqueSchemaName(prefix = 'it'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Creates an empty schema for one test on the local stack (env settings), to be dropped afterwards. */
export async function createThrowawaySchema(prefix = 'it', connection: DbConnection = dbConfigFromEnv()): Promise<ThrowawaySchema> {
  const name = uniqueSchemaName(prefix);
  await execute(connection, `CREATE SCHEMA ${quoteIdentifier(name)}`);
  return {
    name,
    connection,
    drop: () => execute(connection, `DROP SCHEMA IF EXISTS ${quoteIdentifier(name)} CASCADE`),
  };
}

async function execute(connection: DbConnection, sql: string): Promise<void> {
  await queryRows(sql, [], connection);
}

/** One statement on its own connection (tests seeding or inspecting a service's schema from outside it): its rows. */
export async function queryRows<T>(sql: string, values: unknown[] = [], connection: DbConnection = dbConfigFromEnv()): Promise<T[]> {
  const client = new Client('url' in connection ? { connectionString: connection.url } : connection);
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}
