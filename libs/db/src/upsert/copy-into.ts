// The typings of pg/lib/utils, also when a dependent's type check compiles this file (ambient: not importable).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pg-utils.d.ts" />
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { prepareValue } from 'pg/lib/utils';
import { quoteIdentifier, quoteQualifiedName } from '../sql/identifiers';
import { inTransaction, type QueryRunnerOrManager } from '../sql/transaction';
import {
  buildUpsertSql,
  missingValueError,
  resolveUpsertTarget,
  type UpsertCounts,
  type UpsertRow,
  type UpsertTarget,
} from './upsert-sql.builder';

export interface CopyIntoOptions<C extends string> extends UpsertTarget<C> {
  /** Streamed, never held in memory whole; a key repeated within the load fails the statement. */
  rows: Iterable<UpsertRow<C>> | AsyncIterable<UpsertRow<C>>;
}

/**
 * `bulkUpsert` for loads too large for bind parameters: rows are streamed with `COPY … FROM STDIN` into a
 * temporary staging table, then merged with one `INSERT … SELECT … ON CONFLICT`, same counts, same rules.
 */
export function copyInto<C extends string>(db: QueryRunnerOrManager, options: CopyIntoOptions<C>): Promise<UpsertCounts> {
  const target = resolveUpsertTarget(options);
  const columnList = target.columns.map(quoteIdentifier).join(', ');
  const staging = quoteIdentifier(`bulk_staging_${randomBytes(4).toString('hex')}`);

  return inTransaction(db, async (runner) => {
    // Same column types as the target, none of its constraints: the merge below enforces those.
    await runner.query(`CREATE TEMPORARY TABLE ${staging} AS SELECT ${columnList} FROM ${quoteQualifiedName(target.table)} WITH NO DATA`);
    let rowCount = 0;
    async function* csvLines(): AsyncGenerator<string> {
      for await (const row of options.rows) {
        yield `${target.columns.map((column) => csvField(row[column], rowCount, column)).join(',')}\n`;
        rowCount++;
      }
    }
    const client = (await runner.connect()) as PoolClient;
    await pipeline(Readable.from(csvLines()), client.query(copyFrom(`COPY ${staging} (${columnList}) FROM STDIN WITH (FORMAT csv)`)));

    const keysAndVersions = [...target.conflictColumns, ...target.versionColumns].map(quoteIdentifier).join(', ');
    const sql = buildUpsertSql(target, `SELECT ${columnList} FROM ${staging}`, {
      versionSource: target.versionColumns.length === 0 ? undefined : `(SELECT ${keysAndVersions} FROM ${staging}) AS s`,
    });
    const [{ inserted, updated, stale = 0 }] = (await runner.query(sql)) as (Omit<UpsertCounts, 'unchanged' | 'stale'> & { stale?: number })[];
    await runner.query(`DROP TABLE ${staging}`);
    return { inserted, updated, stale, unchanged: rowCount - inserted - updated - stale };
  });
}

/** pg's own conversion for bind parameters, so both helpers store a value the same way; unquoted empty is NULL. */
function csvField(value: unknown, rowIndex: number, column: string): string {
  if (value === undefined) throw missingValueError(rowIndex, column);
  const prepared = prepareValue(value);
  if (prepared === null) return '';
  const text = Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : prepared;
  return `"${text.replace(/"/g, '""')}"`;
}
