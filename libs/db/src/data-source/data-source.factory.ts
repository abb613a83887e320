import { DataSource, MigrationExecutor, type DataSourceOptions, type LoggerOptions, type Migration } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import type { DbConnection } from '../config/db-config';
import { DbConfigError } from '../errors';
import { quoteIdentifier } from '../sql/identifiers';
import { inTransaction } from '../sql/transaction';

export type DataSourceConfig = DbConnection & {
  /** The service's own schema: its tables and its `migrations` table live there. */
  schema: string;
  entities?: PostgresDataSourceOptions['entities'];
  migrations?: PostgresDataSourceOptions['migrations'];
  logging?: LoggerOptions;
  /** Apply pending migrations when the data source opens (default). False for a process that runs them itself. */
  migrationsRun?: boolean;
  /**
   * Tests only. Synchronize diffs the entities against the database and alters it on the spot: it can drop
   * columns with their data, and nothing records what it did, so services never use it; migrations do.
   */
  synchronize?: boolean;
};

// Lower case only: unquoted names in migrations fold to lower case, and the name goes into search_path.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The TypeORM options for a service schema; nothing is connected yet. */
export function buildDataSourceOptions(config: DataSourceConfig): PostgresDataSourceOptions {
  if (!SCHEMA_NAME.test(config.schema)) {
    throw new DbConfigError([`schema must match ${SCHEMA_NAME}, got ${JSON.stringify(config.schema)}`]);
  }
  const connection =
    'url' in config
      ? { url: config.url }
      : {
          host: config.host,
          port: config.port,
          username: config.user,
          password: config.password,
          database: config.database,
        };
  return {
    type: 'postgres',
    ...connection,
    schema: config.schema,
    entities: config.entities ?? [],
    migrations: config.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsRun: config.migrationsRun ?? true,
    synchronize: config.synchronize ?? false,
    logging: config.logging ?? false,
    // Unqualified names in raw-SQL migrations and queries resolve to the service schema, so the same
    // migrations work in a throwaway test schema; pg_catalog stays implicitly searched.
    extra: { options: `-c search_path=${config.schema}` },
  };
}

/** Opens a data source for `config`: schema created if missing, then migrations (or synchronize) applied. */
export function createDataSource(config: DataSourceConfig): Promise<DataSource> {
  return openDataSource(buildDataSourceOptions(config));
}

/**
 * Opens a data source built from `options` (also Nest's `dataSourceFactory`). TypeORM would run migrations
 * inside `initialize()`, before anything could create the schema its migrations table goes in, so its own
 * flags are switched off and honoured here, in order.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const { migrationsRun, synchronize } = options;
  const dataSource = new DataSource({
    ...options,
    migrationsRun: false,
    synchronize: false,
  });
  schemaOf(dataSource); // refuse a schema-less data source before connecting
  await dataSource.initialize();
  try {
    if (migrationsRun) await runMigrations(dataSource);
    if (synchronize) {
      if (!migrationsRun) await ensureSchema(dataSource);
      await dataSource.synchronize();
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * Applies pending migrations in one transaction, after creating the schema if it is missing. Both happen
 * under a transaction-scoped advisory lock per schema, so replicas starting together apply each migration
 * once (the second waits, then finds nothing pending) and never race on CREATE SCHEMA.
 */
export function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  return inTransaction(dataSource.manager, async (runner) => {
    await lockAndCreateSchema(runner, schemaOf(dataSource));
    return new MigrationExecutor(dataSource, runner).executePendingMigrations();
  });
}

/** Creates the data source's schema if it is missing. */
export async function ensureSchema(dataSource: DataSource): Promise<void> {
  await inTransaction(dataSource.manager, (runner) => lockAndCreateSchema(runner, schemaOf(dataSource)));
}

async function lockAndCreateSchema(runner: { query(sql: string, parameters?: unknown[]): Promise<unknown> }, schema: string) {
  await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`seg-db:schema:${schema}`]);
  await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
}

function schemaOf(dataSource: DataSource): string {
  const { type } = dataSource.options;
  const schema = type === 'postgres' ? dataSource.options.schema : undefined;
  if (schema === undefined) {
    throw new DbConfigError([`the data source must be postgres with a schema, got type ${type} and no schema`]);
  }
  return schema;
}
