import { prepareValue } from 'pg/lib/utils';
import { toFloat8ArrayBinary } from '../binary/binary-arrays';
import { BulkWriteError } from '../errors';
import {
  assertUniqueConflictKeys,
  buildUnnestSource,
  buildUnnestSubset,
  buildUpsertSql,
  chunk,
  DEFAULT_CHUNK_SIZE,
  resolveChunkSize,
  resolveSharedColumns,
  resolveUpsertTarget,
  toArrayLiteral,
  toColumnParameters,
} from './upsert-sql.builder';

const target = {
  table: 'scoring.assignments',
  columns: ['customer_id', 'segment', 'x'] as const,
  conflictColumns: ['customer_id'] as const,
};

describe(buildUpsertSql.name, () => {
  it('should produce one counted INSERT … ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM when rows may change', () => {
    const sql = buildUpsertSql(resolveUpsertTarget(target), buildUnnestSource(['text', 'text', 'double precision']));
    expect(sql).toBe(
      'WITH changed AS (INSERT INTO "scoring"."assignments" AS t ("customer_id", "segment", "x") ' +
        'SELECT * FROM unnest($1::text[], $2::text[], $3::double precision[]) ' +
        'ON CONFLICT ("customer_id") DO UPDATE SET "segment" = EXCLUDED."segment", "x" = EXCLUDED."x" ' +
        'WHERE (t."segment", t."x") IS DISTINCT FROM (EXCLUDED."segment", EXCLUDED."x") ' +
        'RETURNING (t.xmax = 0) AS inserted) ' +
        'SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM changed',
    );
  });

  it('should update only the chosen columns when updateColumns is given', () => {
    const sql = buildUpsertSql(resolveUpsertTarget({ ...target, updateColumns: ['segment'] }), 'VALUES ($1, $2, $3)');
    expect(sql).toContain('DO UPDATE SET "segment" = EXCLUDED."segment" WHERE (t."segment") IS DISTINCT FROM (EXCLUDED."segment")');
    expect(sql).not.toContain('"x" = EXCLUDED');
  });

  it('should leave existing rows alone when updateColumns is empty', () => {
    const sql = buildUpsertSql(resolveUpsertTarget({ ...target, updateColumns: [] }), 'VALUES ($1, $2, $3)');
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
    const sql = buildUpsertSql(resolveUpsertTarget({ ...target, compareColumns: ['segment'] }), 'VALUES ($1, $2, $3)', { returnKeys: true });
    expect(sql).toBe(
      'WITH changed AS (INSERT INTO "scoring"."assignments" AS t ("customer_id", "segment", "x") VALUES ($1, $2, $3) ' +
        'ON CONFLICT ("customer_id") DO UPDATE SET "segment" = EXCLUDED."segment", "x" = EXCLUDED."x" ' +
        'WHERE (t."segment") IS DISTINCT FROM (EXCLUDED."segment") ' +
        'RETURNING (t.xmax = 0) AS inserted, t."customer_id") ' +
        'SELECT inserted, "customer_id" FROM changed',
    );
  });

  it('should insert a row per changed row into the second table in the same statement when insertChanged is given', () => {
    const sql = buildUpsertSql(resolveUpsertTarget(target), buildUnnestSource(['text', 'text', 'float8'], 2), {
      insertChanged: { table: 'scoring.outbox', columns: ['topic', 'key'], values: ['$1', 'changed.customer_id'], parameters: ['t1'] },
    });
    expect(sql).toContain('SELECT * FROM unnest($2::text[], $3::text[], $4::float8[])');
    expect(sql).toContain('RETURNING (t.xmax = 0) AS inserted, t.*), ');
    expect(sql).toContain('announced AS (INSERT INTO "scoring"."outbox" ("topic", "key") SELECT $1, changed.customer_id FROM changed) ');
    expect(sql).toMatch(/ SELECT count\(\*\) FILTER \(WHERE inserted\)::int AS inserted, .* FROM changed$/);
  });

  it('should insert one aggregated row per statement, none when nothing changed, when insertChanged aggregates', () => {
    const sql = buildUpsertSql(resolveUpsertTarget(target), buildUnnestSource(['text', 'text', 'float8'], 2), {
      insertChanged: { table: 'outbox', columns: ['topic', 'keys'], values: ['$1', `string_agg(changed.customer_id, ',')`], parameters: ['t1'], aggregate: true },
    });
    expect(sql).toContain(`announced AS (INSERT INTO "outbox" ("topic", "keys") SELECT $1, string_agg(changed.customer_id, ',') FROM changed HAVING count(*) > 0) `);
  });
});

describe(`${buildUpsertSql.name} with versionColumns`, () => {
  const states = {
    table: 'states',
    columns: ['id', 'balance', 'occurred_at', 'batch_id', 'updated_at'] as const,
    conflictColumns: ['id'] as const,
    versionColumns: ['occurred_at', 'updated_at'] as const,
  };
  const types = ['text', 'float8', 'timestamptz', 'text', 'timestamptz'];
  const shared = [false, false, false, true, true];
  const versionSource = buildUnnestSubset(['id', 'occurred_at', 'updated_at'], [0, 2, 4], types, 1, shared);

  it('should write only rows at least as new as the stored ones and count the stale rows when every update column is compared', () => {
    const sql = buildUpsertSql(resolveUpsertTarget(states), buildUnnestSource(types, 1, shared), { versionSource });
    expect(sql).toContain(
      'WHERE (EXCLUDED."occurred_at", EXCLUDED."updated_at") >= (t."occurred_at", t."updated_at") AND ((t."balance", t."occurred_at", t."batch_id", t."updated_at") IS DISTINCT FROM',
    );
    expect(sql).toContain('RETURNING (t.xmax = 0) AS inserted, t."id")');
    expect(versionSource).toBe('(SELECT u.c0, u.c2, $5::timestamptz FROM unnest($1::text[], $3::timestamptz[]) AS u(c0, c2)) AS s("id", "occurred_at", "updated_at")');
    expect(sql).toContain(
      `stale AS (SELECT count(*)::int AS n FROM ${versionSource} WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE (c."id") = (s."id")) ` +
        'AND EXISTS (SELECT 1 FROM "states" o WHERE (o."id") = (s."id") AND (o."occurred_at", o."updated_at") > (s."occurred_at", s."updated_at")))',
    );
    expect(sql).toMatch(/count\(\*\) FILTER \(WHERE NOT inserted\)::int AS updated, \(SELECT n FROM stale\) AS stale FROM changed$/);
  });

  it('should move a newer time of the same values forward, keeping the stamps, and announce and count only real changes', () => {
    const sql = buildUpsertSql(resolveUpsertTarget({ ...states, compareColumns: ['balance'] }), buildUnnestSource(types, 2, shared), {
      versionSource,
      stampValues: { batch_id: '$5::text', updated_at: '$6::timestamptz' },
      insertChanged: { table: 'outbox', columns: ['ids'], values: ['string_agg(changed.id, \',\')'], aggregate: true },
    });
    expect(sql).toContain(
      'DO UPDATE SET "balance" = EXCLUDED."balance", "occurred_at" = EXCLUDED."occurred_at", ' +
        '"batch_id" = CASE WHEN (t."balance") IS DISTINCT FROM (EXCLUDED."balance") THEN EXCLUDED."batch_id" ELSE t."batch_id" END, ',
    );
    expect(sql).toContain(
      'WHERE (EXCLUDED."occurred_at", EXCLUDED."updated_at") >= (t."occurred_at", t."updated_at") ' +
        'AND ((t."balance") IS DISTINCT FROM (EXCLUDED."balance") OR EXCLUDED."occurred_at" > t."occurred_at") ',
    );
    expect(sql).toContain('RETURNING (t.xmax = 0) AS inserted, (t."batch_id", t."updated_at") IS NOT DISTINCT FROM ($5::text, $6::timestamptz) AS is_change, t.*)');
    expect(sql).toContain(`FROM changed WHERE is_change HAVING count(*) > 0)`);
    expect(sql).toContain('count(*) FILTER (WHERE NOT inserted AND is_change)::int AS updated');
  });

  it('should refuse when a stamp has no value bound for the statement or the stale rows cannot be read again', () => {
    const confirming = resolveUpsertTarget({ ...states, compareColumns: ['balance'] });
    expect(() => buildUpsertSql(confirming, 'VALUES ($1, $2, $3, $4, $5)', { versionSource, stampValues: { batch_id: '$4::text' } })).toThrow(
      'Cannot upsert into states: updated_at must be one of sharedValues',
    );
    expect(() => buildUpsertSql(resolveUpsertTarget(states), 'VALUES ($1, $2, $3, $4, $5)')).toThrow(/versionColumns need a versionSource/);
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

  it('should throw when versionColumns are not updated or repeat', () => {
    expect(() => resolveUpsertTarget({ ...target, updateColumns: ['segment'], versionColumns: ['x', 'segment', 'segment'] })).toThrow(
      'Cannot upsert into scoring.assignments: versionColumns name columns not in updateColumns: x; versionColumns repeat a column',
    );
  });

  it('should throw when columns or conflictColumns are empty', () => {
    expect(() => resolveUpsertTarget({ table: 's.t', columns: [], conflictColumns: [] })).toThrow(
      /columns is empty; conflictColumns is empty/,
    );
  });
});

describe(resolveChunkSize.name, () => {
  it('should default to DEFAULT_CHUNK_SIZE when no size is asked for', () => {
    expect(resolveChunkSize()).toBe(DEFAULT_CHUNK_SIZE);
  });

  it('should keep the requested size when it is a positive integer, even past the old parameter limit', () => {
    expect(resolveChunkSize(500)).toBe(500);
    expect(resolveChunkSize(100_000)).toBe(100_000);
  });

  it('should throw when the requested size is not a positive integer', () => {
    expect(() => resolveChunkSize(0)).toThrow(new BulkWriteError('chunkSize 0 is invalid: it must be a positive integer'));
    expect(() => resolveChunkSize(1.5)).toThrow(BulkWriteError);
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

describe(buildUnnestSource.name, () => {
  it('should bind one typed array per column whatever the row count when columns have types', () => {
    expect(buildUnnestSource(['character varying(64)', 'timestamp with time zone'])).toBe(
      'SELECT * FROM unnest($1::character varying(64)[], $2::timestamp with time zone[])',
    );
  });

  it('should bind a shared column as one scalar in column order and unnest only the others when some columns are shared', () => {
    expect(buildUnnestSource(['text', 'uuid', 'double precision', 'timestamp with time zone'], 2, [false, true, false, true])).toBe(
      'SELECT u.c0, $3::uuid, u.c2, $5::timestamp with time zone FROM unnest($2::text[], $4::double precision[]) AS u(c0, c2)',
    );
  });
});

describe(resolveSharedColumns.name, () => {
  const resolved = resolveUpsertTarget({ ...target, columns: ['customer_id', 'segment', 'x'] as string[], conflictColumns: ['customer_id'] });

  it('should flag the shared columns in column order when sharedValues name some', () => {
    expect(resolveSharedColumns(resolved, { x: null })).toEqual([false, false, true]);
    expect(resolveSharedColumns(resolved, undefined)).toEqual([false, false, false]);
  });

  it('should list every problem when sharedValues name a conflict column, an unknown column or an undefined value', () => {
    expect(() => resolveSharedColumns(resolved, { customer_id: 'C1', nope: 1, segment: undefined })).toThrow(
      new BulkWriteError(
        'Cannot upsert into scoring.assignments: sharedValues name columns not in columns: nope; ' +
          'sharedValues name conflict columns (every row would have the same key): customer_id; ' +
          'sharedValues has no value for segment (use null for a missing value)',
      ),
    );
  });
});

describe(toColumnParameters.name, () => {
  const types = ['timestamp with time zone', 'double precision', 'text'];

  it('should give one array literal per column in column order and keep nulls when the columns are not double precision', () => {
    const at = new Date('2026-01-31T12:00:00Z');
    expect(
      toColumnParameters(
        [
          { a: 1, b: null, c: at },
          { a: 2.5, b: 'x', c: at },
        ],
        ['c', 'a', 'b'],
        ['timestamp with time zone', 'integer', 'text'],
      ),
    ).toEqual([`{${[at, at].map((d) => `"${prepareValue(d) as string}"`).join(',')}}`, '{"1","2.5"}', '{NULL,"x"}']);
  });

  it('should bind a double precision column as a binary float8 array and the others as text when its values are numbers or null', () => {
    const [stamps, amounts, names] = toColumnParameters(
      [
        { at: null, amount: 1.5, name: 'a' },
        { at: null, amount: null, name: 'b' },
      ],
      ['at', 'amount', 'name'],
      types,
    );

    expect(amounts).toEqual(toFloat8ArrayBinary([1.5, null]));
    expect([stamps, names]).toEqual(['{NULL,NULL}', '{"a","b"}']);
  });

  it('should fall back to an array literal for a double precision column when a value is not a number', () => {
    expect(toColumnParameters([{ amount: 1 }, { amount: '2.5' }], ['amount'], ['double precision'])).toEqual(['{"1","2.5"}']);
  });

  it('should pass a shared value as it is, without reading the rows, when the column is shared', () => {
    const stamp = new Date('2026-01-31T12:00:00Z');
    const [stamps, amounts] = toColumnParameters([{ amount: 1.5 }, { amount: null }], ['stamp', 'amount'], ['timestamp with time zone', 'double precision'], 0, {
      stamp,
    });
    expect(stamps).toBe(stamp);
    expect(amounts).toEqual(toFloat8ArrayBinary([1.5, null]));
  });

  it('should throw naming the row and column when a value is undefined', () => {
    const rows = [{ a: 1, b: 2 }, { a: 3 } as { a: number; b: number }];
    expect(() => toColumnParameters(rows, ['a', 'b'], ['double precision', 'double precision'], 100)).toThrow(
      'Row 101 has no value for column "b" (use null for a missing value)',
    );
  });
});

describe(toArrayLiteral.name, () => {
  it("should produce exactly pg's own array text when values mix every kind", () => {
    const at = new Date('2026-01-31T12:00:00.123Z');
    const values = [
      0.1 + 0.2,
      -1e-7,
      Number.NaN,
      null,
      undefined,
      'a "b", c\\d\nNULL',
      '',
      true,
      at,
      at,
      new Date(0),
      Buffer.from([0, 255]),
      { k: 'v"' },
      [1, 'x', null],
    ];
    expect(toArrayLiteral(values)).toBe(prepareValue(values));
  });

  it('should produce an empty array when there are no values', () => {
    expect(toArrayLiteral([])).toBe('{}');
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

  it('should tell a text key from the same text as JSON and name both rows when a lone text key repeats', () => {
    expect(() => assertUniqueConflictKeys([{ a: '[1]' }, { a: 1 }, { a: '1' }], ['a'])).not.toThrow();
    expect(() => assertUniqueConflictKeys([{ a: 'C1' }, { a: 'C2' }, { a: 'C1' }], ['a'])).toThrow('Rows 0 and 2 have the same conflict key (a) = ["C1"]');
  });

  it('should name both rows when a conflict key repeats', () => {
    expect(() => assertUniqueConflictKeys([{ a: 1 }, { a: 2 }, { a: 1 }], ['a'])).toThrow(
      'Rows 0 and 2 have the same conflict key (a) = [1]',
    );
  });
});
