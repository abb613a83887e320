import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';

/**
 * Runs `COPY (<select>) TO STDOUT (FORMAT binary)` on the runner's own connection (in its transaction, if one is
 * open) and returns the bytes whole, to read with `BinaryCopyReader`. node-postgres reads query results as text
 * only, and parsing text costs far more than reading binary doubles in place. COPY takes no bind parameters:
 * `select` quotes its values with the connection's `literal`.
 */
export async function copyOutBinary(runner: QueryRunner, select: (literal: (value: string) => string) => string): Promise<Buffer> {
  const client = (await runner.connect()) as PoolClient;
  const copy = client.query(copyTo(`COPY (${select((value) => client.escapeLiteral(value))}) TO STDOUT (FORMAT binary)`));
  const chunks: Buffer[] = [];
  for await (const chunk of copy) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
