import { inTransaction, type QueryRunnerOrManager } from '../sql/transaction';
import {
  assertUniqueConflictKeys,
  buildUpsertSql,
  buildValuesList,
  chunk,
  resolveChunkSize,
  resolveUpsertTarget,
  toParameters,
  type UpsertChanges,
  type UpsertCounts,
  type UpsertRow,
  type UpsertTarget,
} from './upsert-sql.builder';

export interface BulkUpsertOptions<C extends string> extends UpsertTarget<C> {
  rows: readonly UpsertRow<C>[];
  /** Rows per statement; defaults to the most that fit under PostgreSQL's parameter limit. */
  chunkSize?: number;
}

interface ChunkCounts {
  inserted: number;
  updated: number;
}

/**
 * Inserts or updates `rows` with one multi-row `INSERT … ON CONFLICT DO UPDATE` per chunk, all chunks in one
 * transaction (a savepoint inside the caller's). Rows equal to what is stored are not rewritten.
 */
export async function bulkUpsert<C extends string>(db: QueryRunnerOrManager, options: BulkUpsertOptions<C>): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  await upsertChunks(db, options, false, async (query, rowCount) => {
    const [written] = (await query()) as ChunkCounts[];
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    counts.unchanged += rowCount - written.inserted - written.updated;
  });
  return counts;
}

/**
 * `bulkUpsert` that also returns the conflict keys of the rows it inserted or updated, e.g. to publish
 * exactly the changes in the same transaction (an outbox). One result row per changed row comes back.
 */
export async function bulkUpsertChanges<C extends string>(db: QueryRunnerOrManager, options: BulkUpsertOptions<C>): Promise<UpsertChanges<C>> {
  const changes: UpsertChanges<C> = { inserted: 0, updated: 0, unchanged: 0, changedKeys: [] };
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

async function upsertChunks<C extends string>(
  db: QueryRunnerOrManager,
  options: BulkUpsertOptions<C>,
  returnKeys: boolean,
  onChunk: (query: () => Promise<unknown>, rowCount: number) => Promise<void>,
): Promise<void> {
  const target = resolveUpsertTarget(options);
  const chunkSize = resolveChunkSize(target.columns.length, options.chunkSize);
  const { rows } = options;
  assertUniqueConflictKeys(rows, target.conflictColumns);
  if (rows.length === 0) return;

  await inTransaction(db, async (runner) => {
    for (const [index, rowsOfChunk] of chunk(rows, chunkSize).entries()) {
      const sql = buildUpsertSql(target, buildValuesList(rowsOfChunk.length, target.columns.length), returnKeys);
      await onChunk(() => runner.query(sql, toParameters(rowsOfChunk, target.columns, index * chunkSize)), rowsOfChunk.length);
    }
  });
}
