import type { DataSource } from 'typeorm';

/**
 * What PostgreSQL alone needs to store what a service stored: each table copied, server-side, into a new table like
 * it (indexes, fill factor) by one INSERT … SELECT in key order, with no client, no parameters and no conflict checks.
 * Microseconds of the statement per unit of work (event, row) for each table, and their total: a floor for the
 * database's share, not something the service could do. The copies live in the service's (throwaway) schema.
 */
export async function databaseFloor(dataSource: DataSource, tables: readonly string[], units: number): Promise<Record<string, number>> {
  const floor: Record<string, number> = {};
  for (const table of tables) {
    const [{ options }] = await dataSource.query(`SELECT coalesce(array_to_string(reloptions, ', '), '') AS options FROM pg_class WHERE oid = $1::regclass`, [table]);
    await dataSource.query(`CREATE TABLE bench_floor_${table} (LIKE ${table} INCLUDING ALL)${options ? ` WITH (${options})` : ''}`);
    const started = performance.now();
    await dataSource.query(`INSERT INTO bench_floor_${table} OVERRIDING SYSTEM VALUE SELECT * FROM ${table}`);
    floor[table] = Math.round(((performance.now() - started) * 1_000 * 10) / units) / 10;
  }
  return { ...floor, total: Math.round(Object.values(floor).reduce((sum, micros) => sum + micros, 0) * 10) / 10 };
}
