import { BulkWriteError } from '../errors';
import {
  assertUniqueConflictKeys,
  buildUpsertSql,
  buildValuesList,
  chunk,
  POSTGRES_MAX_PARAMETERS,
  resolveChunkSize,
  resolveUpsertTarget,
  toParameters,
} from './upsert-sql.builder';

const target = {
  table: 'scoring.assignments',
  columns: ['customer_id', 'segment', 'x'] as const,
  conflictColumns: ['customer_id'] as const,
};

describe(buildUpsertSql.name, () => {
  it('should produce one counted INSERT … ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM when rows may change', () => {
    const sql = buildUpsertSql(resolveUpsertTarget(target), buildValuesList(2, 3));
    expect(sql).toBe(
      'WITH upserted AS (INSERT INTO "scoring"."assignments" AS t ("customer_id", "segment", "x") ' +
        'VALUES ($1, $2, $3), ($4, $5, $6) ' +
        'ON CONFLICT ("customer_id") DO UPDATE SET "segment" = EXCLUDED."segment", "x" = EXCLUDED."x" ' +
        'WHERE (t."segment", t."x") IS DISTINCT FROM (EXCLUDED."segment", EXCLUDED."x") ' +
        'RETURNING (t.xmax = 0) AS inserted) ' +
        'SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted',
    );
  });

  it('should update only the chosen columns when updateColumns is given', () => {
    const sql = buildUpsertSql(resolveUpsertTarget({ ...target, updateColumns: ['segment'] }), buildValuesList(1, 3));
    expect(sql).toContain('DO UPDATE SET "segment" = EXCLUDED."segment" WHERE (t."segment") IS DISTINCT FROM (EXCLUDED."segment")');
    expect(sql).not.toContain('"x" = EXCLUDED');
  });

  it('should leave existing rows alone when updateColumns is empty', () => {
    const sql = buildUpsertSql(resolveUpsertTarget({ ...target, updateColumns: [] }), buildValuesList(1, 3));
    expect(sql).toContain('ON CONFLICT ("customer_id") DO NOTHING RETURNING (t.xmax = 0) AS inserted');
    expect(sql).not.toContain('DO UPDATE');
  });

  it('should quote hostile identifiers when columns contain quotes', () => {
    const sql = buildUpsertSql(
      resolveUpsertTarget({
        table: 's.t',
        columns: ['id', 'a"b'],
        conflictColumns: ['id'],
      }),
      'VALUES ($1, $2)',
    );
    expect(sql).toContain('("id", "a""b")');
    expect(sql).toContain('SET "a""b" = EXCLUDED."a""b"');
  });
  it('should compare only compareColumns and return the keys when asked for the changed keys', () => {
    const sql = buildUpsertSql(resolveUpsertTarget({ ...target, compareColumns: ['segment'] }), buildValuesList(1, 3), true);
    expect(sql).toBe(
      'INSERT INTO "scoring"."assignments" AS t ("customer_id", "segment", "x") VALUES ($1, $2, $3) ' +
        'ON CONFLICT ("customer_id") DO UPDATE SET "segment" = EXCLUDED."segment", "x" = EXCLUDED."x" ' +
        'WHERE (t."segment") IS DISTINCT FROM (EXCLUDED."segment") ' +
        'RETURNING (t.xmax = 0) AS inserted, t."customer_id"',
    );
  });
});

describe(resolveUpsertTarget.name, () => {
  it('should default updateColumns to the non-conflict columns when not given', () => {
    expect(resolveUpsertTarget(target).updateColumns).toEqual(['segment', 'x']);
  });

  it('should list every problem when the target is inconsistent', () => {
    const bad = {
      table: 's.t',
      columns: ['id', 'a', 'a'],
      conflictColumns: ['id', 'nope'],
      updateColumns: ['id'],
    };
    expect(() => resolveUpsertTarget(bad)).toThrow(
      new BulkWriteError(
        'Cannot upsert into s.t: columns repeat a; conflictColumns/updateColumns name columns not in columns: nope; ' +
          'columns both in conflictColumns and updateColumns: id',
      ),
    );
  });

  it('should throw when compareColumns name a column that is not updated', () => {
    expect(() => resolveUpsertTarget({ ...target, updateColumns: ['segment'], compareColumns: ['x'] })).toThrow(
      'Cannot upsert into scoring.assignments: compareColumns name columns not in updateColumns: x',
    );
  });

  it('should throw when columns or conflictColumns are empty', () => {
    expect(() => resolveUpsertTarget({ table: 's.t', columns: [], conflictColumns: [] })).toThrow(
      /columns is empty; conflictColumns is empty/,
    );
  });
});

describe(resolveChunkSize.name, () => {
  it('should default to the most rows under the parameter limit when no size is asked for', () => {
    expect(resolveChunkSize(3)).toBe(21_845);
    expect(resolveChunkSize(18) * 18).toBeLessThanOrEqual(POSTGRES_MAX_PARAMETERS);
    expect((resolveChunkSize(18) + 1) * 18).toBeGreaterThan(POSTGRES_MAX_PARAMETERS);
  });

  it('should keep the requested size when it fits', () => {
    expect(resolveChunkSize(3, 500)).toBe(500);
  });

  it('should throw when the requested size would exceed the parameter limit or is not a positive integer', () => {
    expect(() => resolveChunkSize(3, 21_846)).toThrow(/must be an integer from 1 to 21845/);
    expect(() => resolveChunkSize(3, 0)).toThrow(BulkWriteError);
    expect(() => resolveChunkSize(3, 1.5)).toThrow(BulkWriteError);
  });
});

describe(chunk.name, () => {
  it('should split into full chunks and a remainder when the length is not a multiple', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('should return no chunks when there are no items', () => {
    expect(chunk([], 10)).toEqual([]);
  });
});

describe(buildValuesList.name, () => {
  it('should number parameters row by row when there are several rows', () => {
    expect(buildValuesList(3, 2)).toBe('VALUES ($1, $2), ($3, $4), ($5, $6)');
  });
});

describe(toParameters.name, () => {
  it('should flatten rows in column order and keep nulls when values are present', () => {
    const at = new Date('2026-01-31T12:00:00Z');
    expect(
      toParameters(
        [
          { a: 1, b: null, c: at },
          { a: 2, b: 'x', c: at },
        ],
        ['c', 'a', 'b'],
      ),
    ).toEqual([at, 1, null, at, 2, 'x']);
  });

  it('should throw naming the row and column when a value is undefined', () => {
    const rows = [{ a: 1, b: 2 }, { a: 3 } as { a: number; b: number }];
    expect(() => toParameters(rows, ['a', 'b'], 100)).toThrow('Row 101 has no value for column "b" (use null for a missing value)');
  });
});

describe(assertUniqueConflictKeys.name, () => {
  it('should accept rows when every conflict key is distinct', () => {
    expect(() =>
      assertUniqueConflictKeys(
        [
          { a: 1, b: 1 },
          { a: 1, b: 2 },
        ],
        ['a', 'b'],
      ),
    ).not.toThrow();
  });

  it('should name both rows when a conflict key repeats', () => {
    expect(() => assertUniqueConflictKeys([{ a: 1 }, { a: 2 }, { a: 1 }], ['a'])).toThrow(
      'Rows 0 and 2 have the same conflict key (a) = [1]',
    );
  });
});
