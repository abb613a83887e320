import type { QueryRunner } from 'typeorm';

/**
 * Compresses the columns' large values with lz4, at a fraction of pglz's CPU, where the server was built with it
 * (the Debian and Docker builds are); elsewhere they keep the default.
 */
export async function useLz4WhereAvailable(runner: QueryRunner, table: string, columns: readonly string[]): Promise<void> {
  const [{ lz4 }] = await runner.query(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
  if (lz4) await runner.query(`ALTER TABLE ${table} ${columns.map((column) => `ALTER COLUMN ${column} SET COMPRESSION lz4`).join(', ')}`);
}
