import { BulkWriteError } from '../errors';
import { quoteIdentifier, quoteQualifiedName } from '../sql/identifiers';

/** The wire protocol counts bind parameters in an Int16: one statement may carry at most 65,535. */
export const POSTGRES_MAX_PARAMETERS = 65_535;

export type UpsertRow<C extends string> = Readonly<Record<C, unknown>>;

export interface UpsertTarget<C extends string> {
  /** `schema.table` (or `table`, resolved through the search path). */
  table: string;
  columns: readonly C[];
  /** The columns of the unique constraint or primary key that decides insert vs update. */
  conflictColumns: readonly C[];
  /** Defaults to every column outside `conflictColumns`; empty means existing rows are left alone. */
  updateColumns?: readonly C[];
  /**
   * The update columns whose difference makes a conflicting row a change; defaults to all of them. The
   * others (a timestamp, a batch id) are rewritten only along with a real change, so sending the same
   * values again leaves the row, and its bookkeeping, as it was.
   */
  compareColumns?: readonly C[];
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  /** Rows whose key existed with exactly the same values: not rewritten, no new row version. */
  unchanged: number;
}

export interface UpsertChanges<C extends string> extends UpsertCounts {
  /** The conflict key of every inserted or updated row (not of the unchanged ones), in no set order. */
  changedKeys: UpsertRow<C>[];
}

/** Validates the target once and returns it with the update columns resolved. */
export function resolveUpsertTarget<C extends string>(target: UpsertTarget<C>): Required<UpsertTarget<C>> {
  const { table, columns, conflictColumns } = target;
  const updateColumns = target.updateColumns ?? columns.filter((column) => !conflictColumns.includes(column));
  const compareColumns = target.compareColumns ?? updateColumns;
  const problems: string[] = [];
  if (columns.length === 0) problems.push('columns is empty');
  const duplicates = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (duplicates.length > 0) problems.push(`columns repeat ${duplicates.join(', ')}`);
  if (conflictColumns.length === 0) problems.push('conflictColumns is empty');
  const unknown = [...conflictColumns, ...updateColumns].filter((column) => !columns.includes(column));
  if (unknown.length > 0) problems.push(`conflictColumns/updateColumns name columns not in columns: ${unknown.join(', ')}`);
  const both = updateColumns.filter((column) => conflictColumns.includes(column));
  if (both.length > 0) problems.push(`columns both in conflictColumns and updateColumns: ${both.join(', ')}`);
  const notUpdated = compareColumns.filter((column) => !updateColumns.includes(column));
  if (notUpdated.length > 0) problems.push(`compareColumns name columns not in updateColumns: ${notUpdated.join(', ')}`);
  if (updateColumns.length > 0 && compareColumns.length === 0) problems.push('compareColumns is empty: no row could ever change');
  if (problems.length > 0) throw new BulkWriteError(`Cannot upsert into ${table}: ${problems.join('; ')}`);
  return { table, columns, conflictColumns, updateColumns, compareColumns };
}

/** Rows per statement: as many as fit under the parameter limit unless the caller asks for fewer. */
export function resolveChunkSize(columnCount: number, requested?: number): number {
  const max = Math.floor(POSTGRES_MAX_PARAMETERS / columnCount);
  if (requested === undefined) return max;
  if (!Number.isInteger(requested) || requested < 1 || requested > max) {
    throw new BulkWriteError(
      `chunkSize ${requested} is invalid: with ${columnCount} columns it must be an integer from 1 to ${max} ` +
        `(PostgreSQL accepts at most ${POSTGRES_MAX_PARAMETERS} parameters per statement)`,
    );
  }
  return requested;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * The upsert of `source` (a VALUES list or a SELECT yielding `columns` in order) into the target. `xmax = 0`
 * holds only for a row version this statement inserted; the WHERE clause skips conflicting rows whose
 * compared values are all the same, so they are neither rewritten nor returned. By default the result is
 * one row of counts; with `returnKeys`, one row per inserted or updated row: `inserted` and its conflict key.
 */
export function buildUpsertSql<C extends string>(target: Required<UpsertTarget<C>>, source: string, returnKeys = false): string {
  const columnList = target.columns.map(quoteIdentifier).join(', ');
  const conflict = target.conflictColumns.map(quoteIdentifier);
  const update = target.updateColumns.map(quoteIdentifier);
  const compare = target.compareColumns.map(quoteIdentifier);
  const onConflict =
    update.length === 0
      ? `ON CONFLICT (${conflict.join(', ')}) DO NOTHING`
      : `ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${update.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} ` +
        `WHERE (${compare.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${compare.map((c) => `EXCLUDED.${c}`).join(', ')})`;
  const insert = `INSERT INTO ${quoteQualifiedName(target.table)} AS t (${columnList}) ${source} ${onConflict} RETURNING (t.xmax = 0) AS inserted`;
  if (returnKeys) return `${insert}, ${conflict.map((c) => `t.${c}`).join(', ')}`;
  return (
    `WITH upserted AS (${insert}) ` +
    `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`
  );
}

/** A multi-row VALUES list of `rowCount` rows of `columnCount` bind parameters: ($1, $2), ($3, $4). */
export function buildValuesList(rowCount: number, columnCount: number): string {
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row++) {
    const offset = row * columnCount;
    rows.push(`(${Array.from({ length: columnCount }, (_, column) => `$${offset + column + 1}`).join(', ')})`);
  }
  return `VALUES ${rows.join(', ')}`;
}

/** Row values flattened in column order; `undefined` is refused so a misspelt property is not stored as NULL. */
export function toParameters<C extends string>(rows: readonly UpsertRow<C>[], columns: readonly C[], firstRowIndex = 0): unknown[] {
  const parameters: unknown[] = [];
  rows.forEach((row, index) => {
    for (const column of columns) {
      const value = row[column];
      if (value === undefined) throw missingValueError(firstRowIndex + index, column);
      parameters.push(value);
    }
  });
  return parameters;
}

export function missingValueError(rowIndex: number, column: string): BulkWriteError {
  return new BulkWriteError(`Row ${rowIndex} has no value for column "${column}" (use null for a missing value)`);
}

/**
 * PostgreSQL refuses a statement that hits one row twice, and across chunks the counts would be wrong
 * (the second copy would count as an update), so repeated keys are refused up front.
 */
export function assertUniqueConflictKeys<C extends string>(rows: readonly UpsertRow<C>[], conflictColumns: readonly C[]): void {
  const firstIndexByKey = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = JSON.stringify(conflictColumns.map((column) => row[column]));
    const first = firstIndexByKey.get(key);
    if (first !== undefined) {
      throw new BulkWriteError(`Rows ${first} and ${index} have the same conflict key (${conflictColumns.join(', ')}) = ${key}`);
    }
    firstIndexByKey.set(key, index);
  });
}
