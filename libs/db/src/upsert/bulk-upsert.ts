import type { QueryRunner } from 'typeorm';
import { BulkWriteError } from '../errors';
import { quoteQualifiedName } from '../sql/identifiers';
import { inTransaction, type QueryRunnerOrManager } from '../sql/transaction';
import {
  assertUniqueConflictKeys,
  buildUnnestSource,
  buildUnnestSubset,
  buildUpsertSql,
  chunk,
  confirmationStamps,
  resolveChunkSize,
  resolveSharedColumns,
  resolveUpsertTarget,
  sharedParameter,
  toColumnParameters,
  type ChangedRowsInsert,
  type UpsertChanges,
  type UpsertCounts,
  type UpsertRow,
  type UpsertTarget,
} from './upsert-sql.builder';

export interface BulkUpsertOptions<C extends string, S extends C = never> extends UpsertTarget<C> {
  rows: readonly UpsertRow<Exclude<C, S>>[];
  /**
   * Values every row has (a batch id, its time stamp), bound once per statement as scalars instead of one array
   * element per row: neither side converts the same value thousands of times. Rows need not carry these columns.
   */
  sharedValues?: Readonly<Record<S, unknown>>;
  /** Rows per statement; defaults to `DEFAULT_CHUNK_SIZE`. */
  chunkSize?: number;
  /** Also inserts a row per inserted or updated row into another table, in the same statement. */
  insertChanged?: ChangedRowsInsert;
}

interface ChunkCounts {
  inserted: number;
  updated: number;
  /** Absent without versionColumns. */
  stale?: number;
}

/**
 * Inserts or updates `rows` with one `INSERT … SELECT … FROM unnest(<one array per column>) ON CONFLICT DO
 * UPDATE` per chunk, all chunks in one transaction (a savepoint inside the caller's). Rows equal to what is
 * stored are not rewritten.
 */
export async function bulkUpsert<C extends string, S extends C = never>(db: QueryRunnerOrManager, options: BulkUpsertOptions<C, S>): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0, stale: 0 };
  await upsertChunks(db, options, false, async (query, rowCount) => {
    const [written] = (await query()) as ChunkCounts[];
    const stale = written.stale ?? 0;
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    counts.stale += stale;
    counts.unchanged += rowCount - written.inserted - written.updated - stale;
  });
  return counts;
}

/**
 * `bulkUpsert` that also returns the conflict keys of the rows it inserted or updated, e.g. to publish
 * exactly the changes in the same transaction (an outbox). One result row per changed row comes back.
 */
export async function bulkUpsertChanges<C extends string, S extends C = never>(
  db: QueryRunnerOrManager,
  options: BulkUpsertOptions<C, S>,
): Promise<UpsertChanges<C>> {
  if ((options.versionColumns ?? []).length > 0) throw new BulkWriteError(`Cannot upsert into ${options.table}: bulkUpsertChanges does not count stale rows; use bulkUpsert with versionColumns`);
  const changes: UpsertChanges<C> = { inserted: 0, updated: 0, unchanged: 0, stale: 0, changedKeys: [] };
  await upsertChunks(db, options, true, async (query, rowCount) => {
    const written = (await query()) as ({ inserted: boolean } & UpsertRow<C>)[];
    for (const { inserted, ...key } of written) {
      if (inserted) changes.inserted++;
      else changes.updated++;
      changes.changedKeys.push(key as UpsertRow<C>);
    }
    changes.unchanged += rowCount - written.length;
  });
  return changes;
}

async function upsertChunks<C extends string, S extends C>(
  db: QueryRunnerOrManager,
  options: BulkUpsertOptions<C, S>,
  returnKeys: boolean,
  onChunk: (query: () => Promise<unknown>, rowCount: number) => Promise<void>,
): Promise<void> {
  const target = resolveUpsertTarget(options);
  const chunkSize = resolveChunkSize(options.chunkSize);
  const shared = resolveSharedColumns(target, options.sharedValues);
  // The rows lack only the shared columns, which toColumnParameters takes from sharedValues.
  const rows = options.rows as readonly UpsertRow<C>[];
  assertUniqueConflictKeys(rows, target.conflictColumns);
  if (rows.length === 0) return;

  const { insertChanged } = options;
  const leadingParameters = insertChanged?.parameters ?? [];
  await inTransaction(db, async (runner) => {
    const types = await columnTypes(runner, target.table, target.columns);
    const first = leadingParameters.length + 1;
    const indexOf = (column: C) => target.columns.indexOf(column);
    const keysAndVersions = [...target.conflictColumns, ...target.versionColumns];
    const sql = buildUpsertSql(target, buildUnnestSource(types, first, shared), {
      returnKeys,
      insertChanged,
      versionSource: target.versionColumns.length === 0 ? undefined : buildUnnestSubset(keysAndVersions, keysAndVersions.map(indexOf), types, first, shared),
      stampValues: Object.fromEntries(
        confirmationStamps(target)
          .filter((column) => shared[indexOf(column)])
          .map((column) => [column, sharedParameter(types, first, indexOf(column))]),
      ),
    });
    for (const [index, rowsOfChunk] of chunk(rows, chunkSize).entries()) {
      const parameters = [...leadingParameters, ...toColumnParameters(rowsOfChunk, target.columns, types, index * chunkSize, options.sharedValues)];
      await onChunk(() => runner.query(sql, parameters), rowsOfChunk.length);
    }
  });
}

/**
 * The SQL types of `columns` in the table, as the array casts need them (`character varying(64)`), read from
 * the catalog so callers never restate their schema; one short query per call, not per chunk.
 */
async function columnTypes(runner: QueryRunner, table: string, columns: readonly string[]): Promise<string[]> {
  const found: { name: string; type: string }[] = await runner.query(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attname = ANY($2::text[])`,
    [quoteQualifiedName(table), columns],
  );
  const typeByName = new Map(found.map(({ name, type }) => [name, type]));
  const missing = columns.filter((column) => !typeByName.has(column));
  if (missing.length > 0) throw new BulkWriteError(`Cannot upsert into ${table}: no column ${missing.join(', ')} in the table`);
  return columns.map((column) => typeByName.get(column) as string);
}
