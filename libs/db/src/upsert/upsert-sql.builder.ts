// The typings of pg/lib/utils, also when a dependent's type check compiles this file (ambient: not importable).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pg-utils.d.ts" />
import { BulkWriteError } from '../errors';
import { prepareValue } from 'pg/lib/utils';
import { quoteIdentifier, quoteQualifiedName } from '../sql/identifiers';

/**
 * The wire protocol counts bind parameters in an Int16: one statement may carry at most 65,535. The upsert
 * binds one array per column instead, so its statements stay far below it whatever the row count.
 */
export const POSTGRES_MAX_PARAMETERS = 65_535;

/**
 * Rows per statement unless the caller asks otherwise: past a few thousand rows a bigger statement no longer
 * saves time, it only holds more memory on both sides.
 */
export const DEFAULT_CHUNK_SIZE = 10_000;

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
  /**
   * The newest state of a key wins instead of the last written: update columns compared as a row, lower = older,
   * never NULL (e.g. `['occurred_at', 'updated_at']`: the source's time, then the write's). A row older than the
   * stored one is *stale*: not written, counted in `stale`. A row at least as new is written when its compared
   * values differ. When they do not and its first version column is newer, that column alone moves forward (the
   * state is confirmed as of a later time, so a late row between the two times is stale); the other update columns
   * keep saying who last *changed* the row, and the row counts as unchanged. That needs the other update columns to
   * be `sharedValues` that identify the statement's write (a batch id among them): a row carrying them afterwards
   * was changed by it. Default: none, the last written wins.
   */
  versionColumns?: readonly C[];
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  /** Rows whose key existed with exactly the same values: not rewritten, no new row version. */
  unchanged: number;
  /** Rows older than the stored state by `versionColumns`: not written (always 0 without them). */
  stale: number;
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
  const versionColumns = target.versionColumns ?? [];
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
  const unversioned = versionColumns.filter((column) => !updateColumns.includes(column));
  if (unversioned.length > 0) problems.push(`versionColumns name columns not in updateColumns: ${unversioned.join(', ')}`);
  if (new Set(versionColumns).size !== versionColumns.length) problems.push('versionColumns repeat a column');
  if (problems.length > 0) throw new BulkWriteError(`Cannot upsert into ${table}: ${problems.join('; ')}`);
  return { table, columns, conflictColumns, updateColumns, compareColumns, versionColumns };
}

/**
 * The update columns a confirmation leaves as they are (see `versionColumns`): the columns outside `compareColumns`
 * but the first version column. Empty when that column is compared itself: then a newer version is a change.
 */
export function confirmationStamps<C extends string>(target: Required<UpsertTarget<C>>): C[] {
  const [time] = target.versionColumns;
  if (time === undefined || target.compareColumns.includes(time)) return [];
  return target.updateColumns.filter((column) => column !== time && !target.compareColumns.includes(column));
}

/** Rows per statement: `DEFAULT_CHUNK_SIZE` unless the caller asks for another positive integer. */
export function resolveChunkSize(requested?: number): number {
  if (requested === undefined) return DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(requested) || requested < 1) throw new BulkWriteError(`chunkSize ${requested} is invalid: it must be a positive integer`);
  return requested;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * A second table that receives one row per inserted or updated row in the same statement as the upsert,
 * e.g. an outbox: the changes are announced atomically, built by the database, with no round trip. The
 * target may then have no column named `inserted` (the statement's own flag).
 */
export interface ChangedRowsInsert {
  /** `schema.table` (or `table`, resolved through the search path). */
  table: string;
  columns: readonly string[];
  /**
   * One SQL expression per column over `changed`, the upserted row as now stored (every column of the
   * target, e.g. `changed.customer_id`); `$1`, `$2` … are `parameters`.
   */
  values: readonly string[];
  parameters?: readonly unknown[];
  /**
   * `values` are aggregates over all the statement's changed rows (e.g. `string_agg`): ONE row per statement
   * instead of one per changed row, and none when nothing changed. One row costs the table one tuple, one index
   * entry and one later delete for the whole batch.
   */
  aggregate?: boolean;
}

export interface UpsertSqlOptions {
  /** One result row per inserted or updated row (`inserted` and its conflict key) instead of one row of counts. */
  returnKeys?: boolean;
  insertChanged?: ChangedRowsInsert;
  /**
   * With `versionColumns`: a FROM item named `s` yielding the rows' conflict and version columns by name (the
   * statement's rows again), to count the stale ones.
   */
  versionSource?: string;
  /** With `confirmationStamps`: the SQL of each stamp's value in this statement (its shared parameter). */
  stampValues?: Readonly<Record<string, string>>;
}

/**
 * The upsert of `source` (a SELECT yielding `columns` in order) into the target. `xmax = 0` holds only for a
 * row version this statement inserted; the WHERE clause skips conflicting rows whose compared values are all
 * the same, so they are neither rewritten nor returned (nor passed to `insertChanged`). By default the result
 * is one row of counts; with `returnKeys`, one row per inserted or updated row: `inserted` and its conflict key.
 */
export function buildUpsertSql<C extends string>(target: Required<UpsertTarget<C>>, source: string, options: UpsertSqlOptions = {}): string {
  const columnList = target.columns.map(quoteIdentifier).join(', ');
  const conflict = target.conflictColumns.map(quoteIdentifier);
  const update = target.updateColumns.map(quoteIdentifier);
  const compare = target.compareColumns.map(quoteIdentifier);
  const version = target.versionColumns.map(quoteIdentifier);
  const stampNames = confirmationStamps(target);
  const stamps = stampNames.map(quoteIdentifier);
  const { returnKeys = false, insertChanged } = options;
  const row = (alias: string, names: readonly string[]) => `(${names.map((c) => `${alias}.${c}`).join(', ')})`;
  const differs = `${row('t', compare)} IS DISTINCT FROM ${row('EXCLUDED', compare)}`;
  const set = update.map((c) => `${c} = ${stamps.includes(c) ? `CASE WHEN ${differs} THEN EXCLUDED.${c} ELSE t.${c} END` : `EXCLUDED.${c}`}`);
  // A stale row is skipped by ON CONFLICT itself, which sees the latest committed version of the stored row.
  const when =
    version.length === 0
      ? differs
      : `${row('EXCLUDED', version)} >= ${row('t', version)} AND (${differs}${stamps.length > 0 ? ` OR EXCLUDED.${version[0]} > t.${version[0]}` : ''})`;
  const onConflict =
    update.length === 0
      ? `ON CONFLICT (${conflict.join(', ')}) DO NOTHING`
      : `ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${set.join(', ')} WHERE ${when}`;
  // A confirmation keeps its stamps, so the rows this statement changed are the ones carrying its stamps.
  const isChange = stamps.length === 0 ? [] : [`${row('t', stamps)} IS NOT DISTINCT FROM (${stampNames.map((c) => stampValue(target.table, options, c)).join(', ')}) AS is_change`];
  const returned = insertChanged ? ['t.*'] : returnKeys || version.length > 0 ? conflict.map((c) => `t.${c}`) : [];
  const insert =
    `INSERT INTO ${quoteQualifiedName(target.table)} AS t (${columnList}) ${source} ${onConflict} ` +
    `RETURNING ${['(t.xmax = 0) AS inserted', ...isChange, ...returned].join(', ')}`;
  const changes = isChange.length === 0 ? '' : ' WHERE is_change';
  const statements = [`changed AS (${insert})`];
  if (insertChanged) {
    statements.push(
      `announced AS (INSERT INTO ${quoteQualifiedName(insertChanged.table)} (${insertChanged.columns.map(quoteIdentifier).join(', ')}) ` +
        `SELECT ${insertChanged.values.join(', ')} FROM changed${changes}${insertChanged.aggregate ? ' HAVING count(*) > 0' : ''})`,
    );
  }
  if (version.length > 0) {
    if (options.versionSource === undefined) throw new BulkWriteError(`Cannot upsert into ${target.table}: versionColumns need a versionSource to count stale rows`);
    // Every CTE reads the snapshot from before the statement: a row this statement did not write is stale when the
    // stored state was newer. (A state another transaction commits during the statement counts as unchanged.)
    statements.push(
      `stale AS (SELECT count(*)::int AS n FROM ${options.versionSource} ` +
        `WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE ${row('c', conflict)} = ${row('s', conflict)}) ` +
        `AND EXISTS (SELECT 1 FROM ${quoteQualifiedName(target.table)} o WHERE ${row('o', conflict)} = ${row('s', conflict)} AND ${row('o', version)} > ${row('s', version)}))`,
    );
  }
  const counted = version.length === 0 ? '' : ', (SELECT n FROM stale) AS stale';
  const result = returnKeys
    ? `SELECT inserted, ${conflict.join(', ')} FROM changed${changes}`
    : `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted${isChange.length === 0 ? '' : ' AND is_change'})::int AS updated${counted} FROM changed`;
  return `WITH ${statements.join(', ')} ${result}`;
}

function stampValue(table: string, options: UpsertSqlOptions, column: string): string {
  const value = options.stampValues?.[column];
  if (value === undefined) {
    throw new BulkWriteError(`Cannot upsert into ${table}: ${column} must be one of sharedValues, to tell a change from a newer version of the same values`);
  }
  return value;
}

/**
 * The rows as one array parameter per column, `$<firstParameter>::<type>[]` … in column order, unnested back into rows:
 * as many parameters as columns whatever the row count, so PostgreSQL parses and plans a short statement.
 * A column flagged in `shared` is one scalar parameter `$n::<type>` repeated on every row instead of an array
 * (parameters stay in column order either way).
 */
export function buildUnnestSource(columnTypes: readonly string[], firstParameter = 1, shared: readonly boolean[] = []): string {
  if (!shared.includes(true)) return `SELECT * FROM unnest(${columnTypes.map((type, index) => `$${firstParameter + index}::${type}[]`).join(', ')})`;
  return unnestSelect(
    columnTypes.map((_, index) => index),
    columnTypes,
    firstParameter,
    shared,
  );
}

/**
 * Some of the columns of `buildUnnestSource` again, from the same parameters, as a FROM item `(…) AS s(<names>)`:
 * `names` are the columns at `indexes`. PostgreSQL parsed the arrays once, when they were bound.
 */
export function buildUnnestSubset(names: readonly string[], indexes: readonly number[], columnTypes: readonly string[], firstParameter = 1, shared: readonly boolean[] = []): string {
  return `(${unnestSelect(indexes, columnTypes, firstParameter, shared)}) AS s(${names.map(quoteIdentifier).join(', ')})`;
}

/** The SQL of a shared column's value: its parameter, cast as `buildUnnestSource` casts it. */
export function sharedParameter(columnTypes: readonly string[], firstParameter: number, index: number): string {
  return `$${firstParameter + index}::${columnTypes[index]}`;
}

function unnestSelect(indexes: readonly number[], columnTypes: readonly string[], firstParameter: number, shared: readonly boolean[]): string {
  const arrays: string[] = [];
  const aliases: string[] = [];
  const selected = indexes.map((index) => {
    const parameter = sharedParameter(columnTypes, firstParameter, index);
    if (shared[index]) return parameter;
    arrays.push(`${parameter}[]`);
    aliases.push(`c${index}`);
    return `u.c${index}`;
  });
  return `SELECT ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${aliases.join(', ')})`;
}

/**
 * The columns of `sharedValues` (values every row has, e.g. a batch id and its time stamp), checked: each must
 * be an upserted column outside the conflict key, with a value other than undefined.
 */
export function resolveSharedColumns<C extends string>(
  target: Required<UpsertTarget<C>>,
  sharedValues: Readonly<Record<string, unknown>> | undefined,
): readonly boolean[] {
  if (sharedValues === undefined) return target.columns.map(() => false);
  const names = Object.keys(sharedValues) as C[];
  const problems: string[] = [];
  const unknown = names.filter((column) => !target.columns.includes(column));
  if (unknown.length > 0) problems.push(`sharedValues name columns not in columns: ${unknown.join(', ')}`);
  const keys = names.filter((column) => target.conflictColumns.includes(column));
  if (keys.length > 0) problems.push(`sharedValues name conflict columns (every row would have the same key): ${keys.join(', ')}`);
  const undefinedValues = names.filter((column) => sharedValues[column] === undefined);
  if (undefinedValues.length > 0) problems.push(`sharedValues has no value for ${undefinedValues.join(', ')} (use null for a missing value)`);
  if (problems.length > 0) throw new BulkWriteError(`Cannot upsert into ${target.table}: ${problems.join('; ')}`);
  return target.columns.map((column) => names.includes(column));
}

/** The catalog's name (`format_type`) of the column type whose arrays are bound in binary. */
export const FLOAT8_TYPE = 'double precision';

/**
 * One array parameter per column, in column order, to bind as `$n::<type>[]`: a `double precision` column
 * whose values are all numbers or null goes as a binary `float8[]` (no number → text → number round trip on
 * either side, and the exact double arrives), any other as an array literal (`{"1.5",NULL,"a"}`).
 * `undefined` is refused so a misspelt property is not stored as NULL. A column of `sharedValues` is bound
 * as its one value, which the rows need not carry (see `buildUnnestSource`).
 */
export function toColumnParameters<C extends string>(
  // Partial: the shared columns are not in the rows; any other missing value is refused below.
  rows: readonly Partial<UpsertRow<C>>[],
  columns: readonly C[],
  columnTypes: readonly string[],
  firstRowIndex = 0,
  sharedValues: Readonly<Record<string, unknown>> = {},
): unknown[] {
  return columns.map((column, columnIndex) => {
    // pg converts a scalar itself; a shared value is converted once per statement, not once per row.
    if (Object.hasOwn(sharedValues, column)) return sharedValues[column];
    const values = rows.map((row, index) => {
      const value = row[column];
      if (value === undefined) throw missingValueError(firstRowIndex + index, column);
      return value;
    });
    return (columnTypes[columnIndex] === FLOAT8_TYPE && toFloat8ArrayBinary(values)) || toArrayLiteral(values);
  });
}

const FLOAT8_OID = 701;
const ARRAY_HEADER_BYTES = 20;
const FLOAT8_ELEMENT_BYTES = 12;
const NULL_ELEMENT_BYTES = 4;

/**
 * `values` in PostgreSQL's binary array format (what `array_recv` reads for a one-dimensional `float8[]`):
 * ndim, has-nulls flag, element type, length, lower bound, then a length-prefixed big-endian double per
 * element (length -1 for NULL). Null when a value is neither a number nor null: the caller sends text.
 */
export function toFloat8ArrayBinary(values: readonly unknown[]): Buffer | null {
  let bytes = ARRAY_HEADER_BYTES;
  let hasNull = 0;
  for (const value of values) {
    if (value === null) {
      hasNull = 1;
      bytes += NULL_ELEMENT_BYTES;
    } else if (typeof value === 'number') bytes += FLOAT8_ELEMENT_BYTES;
    else return null;
  }
  const buffer = Buffer.allocUnsafe(bytes);
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(hasNull, 4);
  buffer.writeInt32BE(FLOAT8_OID, 8);
  buffer.writeInt32BE(values.length, 12);
  buffer.writeInt32BE(1, 16);
  let offset = ARRAY_HEADER_BYTES;
  for (const value of values) {
    if (value === null) offset = buffer.writeInt32BE(-1, offset);
    else {
      offset = buffer.writeInt32BE(8, offset);
      offset = buffer.writeDoubleBE(value as number, offset);
    }
  }
  return buffer;
}

/**
 * The text pg itself would send for `values` as an array parameter, built without its per-element
 * conversion calls: numbers and strings, nearly every value of a bulk load, take the short path, and a
 * Date shared by many rows (a batch time stamp) is converted once.
 */
export function toArrayLiteral(values: readonly unknown[]): string {
  let literal = '{';
  let lastDate: Date | null = null;
  let lastDateText = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) literal += ',';
    const value = values[i];
    if (value === null || value === undefined) literal += 'NULL';
    else if (typeof value === 'number') literal += `"${value}"`;
    else if (typeof value === 'string') literal += quoteElement(value);
    else if (Array.isArray(value)) literal += toArrayLiteral(value);
    else if (value instanceof Date) {
      if (value !== lastDate) {
        lastDate = value;
        lastDateText = quoteElement(prepareValue(value) as string);
      }
      literal += lastDateText;
    } else {
      const prepared = prepareValue(value);
      literal += Buffer.isBuffer(prepared) ? `\\\\x${prepared.toString('hex')}` : quoteElement(prepared as string);
    }
  }
  return `${literal}}`;
}

function quoteElement(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
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
  // A lone text key (a customer id) is its own map key, without an array and a JSON text per row; the prefix
  // keeps it apart from the JSON of any other key.
  const jsonKey = (row: UpsertRow<C>): string => JSON.stringify(conflictColumns.map((column) => row[column]));
  const keyOf =
    conflictColumns.length === 1
      ? (row: UpsertRow<C>): string => {
          const value = row[conflictColumns[0]];
          return typeof value === 'string' ? `s:${value}` : jsonKey(row);
        }
      : jsonKey;
  rows.forEach((row, index) => {
    const key = keyOf(row);
    const first = firstIndexByKey.get(key);
    if (first !== undefined) {
      throw new BulkWriteError(`Rows ${first} and ${index} have the same conflict key (${conflictColumns.join(', ')}) = ${jsonKey(row)}`);
    }
    firstIndexByKey.set(key, index);
  });
}
