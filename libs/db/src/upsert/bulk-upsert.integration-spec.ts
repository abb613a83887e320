import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source.factory';
import { createThrowawaySchema, type ThrowawaySchema } from '../testing';
import type { QueryRunnerOrManager } from '../sql/transaction';
import { bulkUpsert, bulkUpsertChanges } from './bulk-upsert';
import { copyInto } from './copy-into';

interface Assignment {
  customer_id: string;
  segment: string;
  pca_x: number | null;
  scored_at: Date;
}

const columns = ['customer_id', 'segment', 'pca_x', 'scored_at'] as const;
const scoredAt = new Date('2026-01-31T12:00:00.123Z');

function assignments(count: number): Assignment[] {
  return Array.from({ length: count }, (_, i) => ({
    customer_id: `C${String(i).padStart(6, '0')}`,
    segment: ['transactors', 'revolvers', 'low-activity', 'cash-advance'][i % 4],
    pca_x: i % 10 === 0 ? null : i / 7,
    scored_at: scoredAt,
  }));
}

type Write = (db: QueryRunnerOrManager, table: string, rows: Assignment[], chunkSize?: number) => ReturnType<typeof bulkUpsert>;

const writers: [string, Write][] = [
  [
    bulkUpsert.name,
    (db, table, rows, chunkSize) =>
      bulkUpsert(db, {
        table,
        columns,
        conflictColumns: ['customer_id'],
        rows,
        chunkSize,
      }),
  ],
  // Fed from an async generator to prove rows are streamed; COPY has no chunks.
  [
    copyInto.name,
    (db, table, rows) =>
      copyInto(db, {
        table,
        columns,
        conflictColumns: ['customer_id'],
        rows: (async function* () {
          yield* rows;
        })(),
      }),
  ],
];

const ASSIGNMENTS_TABLE = `CREATE TABLE assignments (customer_id text PRIMARY KEY, segment text NOT NULL, pca_x double precision, scored_at timestamptz NOT NULL)`;

/** For each test of the calling describe block: a throwaway schema holding the assignments table and `extraTables`. */
function useAssignmentsSchema(...extraTables: string[]): { readonly schema: ThrowawaySchema; readonly dataSource: DataSource } {
  const current = {} as { schema: ThrowawaySchema; dataSource: DataSource };
  beforeEach(async () => {
    current.schema = await createThrowawaySchema('it_db');
    current.dataSource = await createDataSource({ ...current.schema.connection, schema: current.schema.name, migrationsRun: false });
    for (const table of [ASSIGNMENTS_TABLE, ...extraTables]) await current.dataSource.query(table);
  });
  afterEach(async () => {
    await current.dataSource.destroy();
    await current.schema.drop();
  });
  return current;
}

describe.each(writers)('%s', (_name, write) => {
  const db = useAssignmentsSchema();
  const upsert = (rows: Assignment[], chunkSize?: number) => write(db.dataSource.manager, `${db.schema.name}.assignments`, rows, chunkSize);
  // xmin is the id of the transaction that wrote the row version: it changes only when the row is rewritten.
  const rowVersions = async (): Promise<Map<string, string>> => {
    const rows: { customer_id: string; xmin: string }[] = await db.dataSource.query(`SELECT customer_id, xmin::text AS xmin FROM assignments`);
    return new Map(rows.map((row) => [row.customer_id, row.xmin]));
  };

  it('should report every row inserted when 20,000 new rows are upserted in chunks', async () => {
    const rows = assignments(20_000);

    expect(await upsert(rows, 6_000)).toEqual({
      inserted: 20_000,
      updated: 0,
      unchanged: 0,
      stale: 0,
    });

    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM assignments');
    expect(n).toBe(20_000);
    const stored = await db.dataSource.query(`SELECT * FROM assignments WHERE customer_id IN ('C000010', 'C019999') ORDER BY 1`);
    expect(stored).toEqual([rows[10], rows[19_999]]);
  });

  it('should report all rows unchanged and not rewrite them when the same rows are upserted again', async () => {
    const rows = assignments(20_000);
    await upsert(rows);
    const before = await rowVersions();

    expect(await upsert(rows)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 20_000,
      stale: 0,
    });

    expect(await rowVersions()).toEqual(before);
  });

  it('should store every double exactly and find it unchanged when sent again when values are extreme', async () => {
    const extremes = [0.1 + 0.2, 1 / 3, 1e21, Number.MIN_VALUE, Number.MAX_VALUE, -123456.789];
    const rows = assignments(extremes.length).map((row, i) => ({ ...row, pca_x: extremes[i] }));
    await upsert(rows);

    const stored: { pca_x: number }[] = await db.dataSource.query('SELECT pca_x FROM assignments ORDER BY customer_id');
    expect(stored.map((row) => row.pca_x)).toEqual(extremes);
    expect(await upsert(rows)).toEqual({ inserted: 0, updated: 0, unchanged: extremes.length, stale: 0 });
  });

  it('should report exactly the changed rows updated and leave the others untouched when 5 rows change', async () => {
    const rows = assignments(20_000);
    await upsert(rows);
    const before = await rowVersions();
    const changedIndexes = [0, 1, 4_999, 12_345, 19_999];
    const changed = rows.map((row, i) => (changedIndexes.includes(i) ? { ...row, segment: 'cash-advance', pca_x: -1 } : row));

    expect(await upsert(changed, 5_000)).toEqual({
      inserted: 0,
      updated: 5,
      unchanged: 19_995,
      stale: 0,
    });

    const after = await rowVersions();
    const rewritten = [...after].filter(([id, xmin]) => before.get(id) !== xmin).map(([id]) => id);
    expect(rewritten.sort()).toEqual(changedIndexes.map((i) => rows[i].customer_id));
    const stored = await db.dataSource.query(`SELECT segment, pca_x FROM assignments WHERE customer_id = $1`, [rows[12_345].customer_id]);
    expect(stored).toEqual([{ segment: 'cash-advance', pca_x: -1 }]);
  });

  it('should count inserts, updates and unchanged rows separately when a batch mixes them', async () => {
    const rows = assignments(10);
    await upsert(rows.slice(0, 6));
    const batch = [...rows.slice(0, 4), { ...rows[4], pca_x: null }, { ...rows[5], scored_at: new Date() }, ...rows.slice(6)];

    expect(await upsert(batch, 3)).toEqual({
      inserted: 4,
      updated: 2,
      unchanged: 4,
      stale: 0,
    });
  });

  it('should store text with quotes, commas, backslashes and newlines unchanged when it is written', async () => {
    const rows = assignments(2).map((row, i) => ({ ...row, segment: i === 0 ? 'a "b", c\\d\nNULL' : '' }));

    expect(await upsert(rows)).toEqual({ inserted: 2, updated: 0, unchanged: 0, stale: 0 });

    const stored = await db.dataSource.query('SELECT segment FROM assignments ORDER BY customer_id');
    expect(stored).toEqual([{ segment: rows[0].segment }, { segment: '' }]);
  });

  it('should write nothing when a row near the end is refused', async () => {
    const rows: Assignment[] = assignments(100);
    rows[90] = { ...rows[90], segment: null as unknown as string };

    await expect(upsert(rows, 30)).rejects.toThrow(/null value in column "segment"/);

    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM assignments')).toEqual([{ n: 0 }]);
  });

  it("should roll back with the caller's transaction when run on its query runner", async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const counts = await write(runner, `${db.schema.name}.assignments`, assignments(3));
      await runner.rollbackTransaction();

      expect(counts).toEqual({ inserted: 3, updated: 0, unchanged: 0, stale: 0 });
      expect(await db.dataSource.query('SELECT count(*)::int AS n FROM assignments')).toEqual([{ n: 0 }]);
    } finally {
      await runner.release();
    }
  });
});

describe(bulkUpsertChanges.name, () => {
  const db = useAssignmentsSchema();
  const upsertChanges = (rows: Assignment[]) =>
    bulkUpsertChanges(db.dataSource.manager, {
      table: 'assignments',
      columns,
      conflictColumns: ['customer_id'],
      compareColumns: ['segment', 'pca_x'],
      rows,
      chunkSize: 3,
    });

  it('should return the keys of inserted and updated rows only and ignore uncompared columns when rows are upserted again', async () => {
    const rows = assignments(8);
    await upsertChanges(rows.slice(0, 6));
    const later = new Date('2026-02-01T00:00:00Z');
    const batch = rows.map((row, i) => ({ ...row, scored_at: later, pca_x: i === 2 ? 42 : row.pca_x }));

    const changes = await upsertChanges(batch);

    expect({ ...changes, changedKeys: changes.changedKeys.map((k) => k.customer_id).sort() }).toEqual({
      inserted: 2,
      updated: 1,
      unchanged: 5,
      stale: 0,
      changedKeys: ['C000002', 'C000006', 'C000007'],
    });
    const stored: { customer_id: string; scored_at: Date }[] = await db.dataSource.query('SELECT customer_id, scored_at FROM assignments ORDER BY 1');
    const rewritten = stored.filter((row) => row.scored_at.getTime() === later.getTime()).map((row) => row.customer_id);
    expect(rewritten).toEqual(['C000002', 'C000006', 'C000007']);
  });
});

describe(`${bulkUpsert.name} with insertChanged`, () => {
  const db = useAssignmentsSchema(`CREATE TABLE announcements (id bigserial PRIMARY KEY, topic text NOT NULL, customer_id text NOT NULL, body text NOT NULL)`);
  const announce = (topic: unknown) => ({
    table: 'announcements',
    columns: ['topic', 'customer_id', 'body'],
    values: ['$1', 'changed.customer_id', `changed.segment || ':' || coalesce(changed.pca_x::text, 'none')`],
    parameters: [topic],
  });
  const upsert = (rows: Assignment[], topic: unknown = 'assignments.v1') =>
    bulkUpsert(db.dataSource.manager, { table: 'assignments', columns, conflictColumns: ['customer_id'], rows, chunkSize: 4, insertChanged: announce(topic) });
  const announced = (): Promise<{ topic: string; customer_id: string; body: string }[]> =>
    db.dataSource.query('SELECT topic, customer_id, body FROM announcements ORDER BY customer_id, id');

  it('should add one row per inserted or updated row, none for an unchanged one, when rows are upserted again', async () => {
    const rows = assignments(10);
    expect(await upsert(rows.slice(0, 6))).toEqual({ inserted: 6, updated: 0, unchanged: 0, stale: 0 });
    await db.dataSource.query('DELETE FROM announcements');

    const counts = await upsert([...rows.slice(0, 5), { ...rows[5], segment: 'revolvers', pca_x: null }, ...rows.slice(6)]);

    expect(counts).toEqual({ inserted: 4, updated: 1, unchanged: 5, stale: 0 });
    expect(await announced()).toEqual([
      { topic: 'assignments.v1', customer_id: 'C000005', body: 'revolvers:none' },
      ...rows.slice(6).map((row) => ({ topic: 'assignments.v1', customer_id: row.customer_id, body: `${row.segment}:${row.pca_x}` })),
    ]);
  });

  it('should add one row holding every change, and none when nothing changed, when insertChanged aggregates', async () => {
    const aggregated = (rows: Assignment[]) =>
      bulkUpsert(db.dataSource.manager, {
        table: 'assignments',
        columns,
        conflictColumns: ['customer_id'],
        rows,
        insertChanged: { ...announce('assignments.v1'), values: ['$1', 'count(*)::text', `string_agg(changed.customer_id, ',' ORDER BY changed.customer_id)`], aggregate: true },
      });
    const rows = assignments(5);

    expect(await aggregated(rows)).toEqual({ inserted: 5, updated: 0, unchanged: 0, stale: 0 });
    expect(await aggregated(rows)).toEqual({ inserted: 0, updated: 0, unchanged: 5, stale: 0 });

    expect(await db.dataSource.query('SELECT topic, customer_id, body FROM announcements')).toEqual([
      { topic: 'assignments.v1', customer_id: '5', body: rows.map((row) => row.customer_id).join(',') },
    ]);
  });

  it('should write neither table when the second insert is refused', async () => {
    await expect(upsert(assignments(10), null)).rejects.toThrow(/null value in column "topic"/);

    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM assignments')).toEqual([{ n: 0 }]);
    expect(await announced()).toEqual([]);
  });
});

describe(`${bulkUpsert.name} with sharedValues`, () => {
  const db = useAssignmentsSchema();
  const upsert = (rows: Omit<Assignment, 'scored_at' | 'segment'>[], shared: { scored_at: Date; segment: string }) =>
    bulkUpsert(db.dataSource.manager, {
      table: 'assignments',
      columns,
      conflictColumns: ['customer_id'],
      compareColumns: ['segment', 'pca_x'],
      rows,
      sharedValues: shared,
      chunkSize: 4,
    });

  it('should store the shared values on every written row and rewrite only the changed rows when rows are upserted again', async () => {
    const rows = assignments(10).map(({ customer_id, pca_x }) => ({ customer_id, pca_x }));
    expect(await upsert(rows, { scored_at: scoredAt, segment: 'revolvers' })).toEqual({ inserted: 10, updated: 0, unchanged: 0, stale: 0 });
    const later = new Date('2026-02-01T00:00:00.5Z');

    const counts = await upsert([...rows.slice(0, 9), { ...rows[9], pca_x: 99 }], { scored_at: later, segment: 'revolvers' });

    expect(counts).toEqual({ inserted: 0, updated: 1, unchanged: 9, stale: 0 });
    const stored: Assignment[] = await db.dataSource.query('SELECT * FROM assignments ORDER BY customer_id');
    expect(stored.map((row) => [row.segment, row.scored_at.getTime()])).toEqual([
      ...rows.slice(0, 9).map(() => ['revolvers', scoredAt.getTime()]),
      ['revolvers', later.getTime()],
    ]);
    expect(stored[9].pca_x).toBe(99);
  });
});

const STATES_TABLE = `CREATE TABLE states (customer_id text PRIMARY KEY, balance double precision, occurred_at timestamptz NOT NULL, batch_id text NOT NULL, updated_at timestamptz NOT NULL)`;
const at = (iso: string) => new Date(iso);
/** A customer's state: its values, the source's time, and who wrote it when. */
const STATES_TARGET = {
  table: 'states',
  columns: ['customer_id', 'balance', 'occurred_at', 'batch_id', 'updated_at'],
  conflictColumns: ['customer_id'],
  versionColumns: ['occurred_at', 'updated_at'],
};

describe(`${bulkUpsert.name} with versionColumns`, () => {
  const db = useAssignmentsSchema(STATES_TABLE, `CREATE TABLE announcements (customer_id text NOT NULL, balance double precision)`);
  const stored = () => db.dataSource.query(`SELECT customer_id, balance, occurred_at, batch_id, updated_at FROM states ORDER BY customer_id`);
  /** As ingestion writes: the features compared, the source's time per row, the stamps shared by the statement. */
  const write = (rows: { customer_id: string; balance: number; occurred_at: Date }[], batchId: string, updatedAt: Date) =>
    bulkUpsert(db.dataSource.manager, {
      ...STATES_TARGET,
      compareColumns: ['balance'],
      rows,
      sharedValues: { batch_id: batchId, updated_at: updatedAt },
      chunkSize: 2,
      insertChanged: { table: 'announcements', columns: ['customer_id', 'balance'], values: ['changed.customer_id', 'changed.balance'] },
    });

  it('should skip and count older rows, let the later write win a tie, and move a newer time of the same values forward without a change', async () => {
    const february = at('2026-02-01T00:00:00Z');
    expect(
      await write(
        ['C1', 'C2', 'C3'].map((id, i) => ({ customer_id: id, balance: i + 1, occurred_at: february })),
        'b1',
        at('2026-12-01T10:00:00Z'),
      ),
    ).toEqual({ inserted: 3, updated: 0, unchanged: 0, stale: 0 });
    await db.dataSource.query('DELETE FROM announcements');

    const counts = await write(
      [
        { customer_id: 'C1', balance: 9, occurred_at: at('2020-01-01T00:00:00Z') },
        { customer_id: 'C2', balance: 2, occurred_at: at('2026-03-01T00:00:00Z') },
        { customer_id: 'C3', balance: 4, occurred_at: february },
        { customer_id: 'C4', balance: 5, occurred_at: at('2019-01-01T00:00:00Z') },
      ],
      'b2',
      at('2026-12-01T10:00:01Z'),
    );

    expect(counts).toEqual({ inserted: 1, updated: 1, unchanged: 1, stale: 1 });
    expect(await db.dataSource.query('SELECT customer_id, balance FROM announcements ORDER BY 1')).toEqual([
      { customer_id: 'C3', balance: 4 },
      { customer_id: 'C4', balance: 5 },
    ]);
    expect(await stored()).toEqual([
      { customer_id: 'C1', balance: 1, occurred_at: february, batch_id: 'b1', updated_at: at('2026-12-01T10:00:00Z') },
      { customer_id: 'C2', balance: 2, occurred_at: at('2026-03-01T00:00:00Z'), batch_id: 'b1', updated_at: at('2026-12-01T10:00:00Z') },
      { customer_id: 'C3', balance: 4, occurred_at: february, batch_id: 'b2', updated_at: at('2026-12-01T10:00:01Z') },
      { customer_id: 'C4', balance: 5, occurred_at: at('2019-01-01T00:00:00Z'), batch_id: 'b2', updated_at: at('2026-12-01T10:00:01Z') },
    ]);

    // C2 was confirmed as of March: a state from mid-February is older. A tie written earlier than the stored one is older too.
    expect(
      await write(
        [
          { customer_id: 'C2', balance: 7, occurred_at: at('2026-02-15T00:00:00Z') },
          { customer_id: 'C3', balance: 8, occurred_at: february },
        ],
        'b0',
        at('2026-12-01T09:59:59Z'),
      ),
    ).toEqual({ inserted: 0, updated: 0, unchanged: 0, stale: 2 });
    expect((await stored()).map((row: { balance: number }) => row.balance)).toEqual([1, 2, 4, 5]);
  });

  it('should refuse a newer time of the same values when the other update columns are not shared, as it could not tell a change', async () => {
    await expect(
      bulkUpsert(db.dataSource.manager, {
        ...STATES_TARGET,
        compareColumns: ['balance'],
        rows: [{ customer_id: 'C1', balance: 1, occurred_at: at('2026-01-01T00:00:00Z'), batch_id: 'b1', updated_at: at('2026-01-01T00:00:00Z') }],
      }),
    ).rejects.toThrow('Cannot upsert into states: batch_id must be one of sharedValues, to tell a change from a newer version of the same values');
  });
});

describe.each(writers.map(([name]) => name))('%s with versionColumns compared', (name) => {
  const db = useAssignmentsSchema(STATES_TABLE);
  // As a consumer's copy: every column compared, so a newer version is a change.
  const write = (rows: { customer_id: string; balance: number; occurred_at: Date; batch_id: string; updated_at: Date }[]) => {
    return name === copyInto.name ? copyInto(db.dataSource.manager, { ...STATES_TARGET, rows }) : bulkUpsert(db.dataSource.manager, { ...STATES_TARGET, rows });
  };
  const state = (customerId: string, balance: number, occurredAt: string, updatedAt: string) => ({
    customer_id: customerId,
    balance,
    occurred_at: at(occurredAt),
    batch_id: 'b',
    updated_at: at(updatedAt),
  });

  it('should keep the newest state by the version and count the older ones as stale', async () => {
    await write([state('C1', 1, '2026-02-01T00:00:00Z', '2026-12-01T10:00:00Z'), state('C2', 2, '2026-02-01T00:00:00Z', '2026-12-01T10:00:01Z')]);

    const counts = await write([
      state('C1', 3, '2020-02-01T00:00:00Z', '2026-12-01T10:00:05Z'),
      state('C2', 4, '2026-02-01T00:00:00Z', '2026-12-01T10:00:00Z'),
      state('C3', 5, '2026-02-01T00:00:00Z', '2026-12-01T10:00:00Z'),
    ]);

    expect(counts).toEqual({ inserted: 1, updated: 0, unchanged: 0, stale: 2 });
    expect((await db.dataSource.query(`SELECT balance FROM states ORDER BY customer_id`)).map((row: { balance: number }) => row.balance)).toEqual([1, 2, 5]);
    expect(await write([state('C1', 6, '2026-03-01T00:00:00Z', '2026-12-01T09:00:00Z')])).toEqual({ inserted: 0, updated: 1, unchanged: 0, stale: 0 });
  });
});

describe(`${bulkUpsert.name} column types`, () => {
  it('should refuse naming the missing column when the table does not have one of the columns', async () => {
    const schema = await createThrowawaySchema('it_db');
    const dataSource = await createDataSource({ ...schema.connection, schema: schema.name, migrationsRun: false });
    try {
      await dataSource.query(`CREATE TABLE assignments (customer_id text PRIMARY KEY, segment text NOT NULL)`);

      await expect(
        bulkUpsert(dataSource.manager, { table: 'assignments', columns: ['customer_id', 'segment', 'pca_x'], conflictColumns: ['customer_id'], rows: [{ customer_id: 'C1', segment: 's', pca_x: 1 }] }),
      ).rejects.toThrow('Cannot upsert into assignments: no column pca_x in the table');
      expect(await dataSource.query('SELECT count(*)::int AS n FROM assignments')).toEqual([{ n: 0 }]);
    } finally {
      await dataSource.destroy();
      await schema.drop();
    }
  });
});
