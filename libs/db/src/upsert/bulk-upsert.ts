import { inTransaction, type QueryRunnerOrManager } from '../sql/transaction';
import {
  assertUniqueConflictKeys,
  buildUpsertSql,
  buildValuesList,
  chunk,
  resolveChunkSize,
  resolveUpsertTarget,
  toParameters,
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
  const target = resolveUpsertTarget(options);
  const chunkSize = resolveChunkSize(target.columns.length, options.chunkSize);
  const { rows } = options;
  assertUniqueConflictKeys(rows, target.conflictColumns);
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };

  return inTransaction(db, async (runner) => {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const [index, rowsOfChunk] of chunk(rows, chunkSize).entries()) {
      const sql = buildUpsertSql(target, buildValuesList(rowsOfChunk.length, target.columns.length));
      const [written] = (await runner.query(sql, toParameters(rowsOfChunk, target.columns, index * chunkSize))) as ChunkCounts[];
      counts.inserted += written.inserted;
      counts.updated += written.updated;
      counts.unchanged += rowsOfChunk.length - written.inserted - written.updated;
    }
    return counts;
  });
}
