import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '../data-source/data-source.factory';
import { createThrowawaySchema, type ThrowawaySchema } from '../testing';
import { float8ArrayBinary, intArrayLiteral, textArrayBinary } from './binary-arrays';
import { BinaryCopyReader } from './binary-copy.reader';
import { copyOutBinary } from './copy-out-binary';

const ids = ['C1', 'Ç2€😀', "O'Brien", 'a"b\\c'];
// Row-major, two columns: the doubles PostgreSQL must store bit for bit (NaN: NULL).
const amounts = Float64Array.from([0.1 + 0.2, 1, Number.NaN, 2, 1e-300, -0, Number.MAX_VALUE, 5e-324]);
const segments = ['revolvers', null, 'transactors', ''];
const clusters = Int32Array.from([0, 3, 1, 2]);

describe('binary arrays and binary COPY against PostgreSQL', () => {
  let schema: ThrowawaySchema;
  let dataSource: DataSource;
  let runner: QueryRunner;

  beforeAll(async () => {
    schema = await createThrowawaySchema('it_db_binary');
    dataSource = await createDataSource({ ...schema.connection, schema: schema.name, migrationsRun: false });
    await dataSource.query(`CREATE TABLE rows (id text PRIMARY KEY, a float8, b float8, segment text, cluster int)`);
    await dataSource.query(`INSERT INTO rows SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::text[], $5::int[])`, [
      textArrayBinary(ids),
      float8ArrayBinary(amounts, 2, 0),
      float8ArrayBinary(amounts, 2, 1),
      textArrayBinary(segments),
      intArrayLiteral(clusters),
    ]);
    runner = dataSource.createQueryRunner();
  });

  afterAll(async () => {
    await runner?.release();
    await dataSource?.destroy();
    await schema?.drop();
  });

  it('should store every bound value exactly, NaN and null as NULL, when arrays are bound in binary', async () => {
    const stored = await dataSource.query(`SELECT id, a::text, b::text, segment, cluster FROM rows ORDER BY cluster`);

    expect(stored).toEqual([
      { id: 'C1', a: '0.30000000000000004', b: '1', segment: 'revolvers', cluster: 0 },
      { id: "O'Brien", a: '1e-300', b: '-0', segment: 'transactors', cluster: 1 },
      { id: 'a"b\\c', a: '1.7976931348623157e+308', b: '5e-324', segment: '', cluster: 2 },
      { id: 'Ç2€😀', a: null, b: '2', segment: null, cluster: 3 },
    ]);
  });

  it('should read back what was written, row by row in the query order, when read as a binary COPY with a quoted literal', async () => {
    const copy = await copyOutBinary(runner, (literal) => `SELECT id, a, b, segment FROM rows WHERE id <> ${literal("'; DROP TABLE rows; --")} ORDER BY id COLLATE "C"`);
    const reader = new BinaryCopyReader(copy);
    const read: [string | null, number, number, string | null][] = [];
    for (let fields = reader.nextTuple(); fields !== -1; fields = reader.nextTuple()) {
      expect(fields).toBe(4);
      read.push([reader.text(), reader.float8(), reader.float8(), reader.text()]);
    }
    reader.end();

    const byId = new Map(ids.map((id, i) => [id, [id, amounts[2 * i], amounts[2 * i + 1], segments[i]]]));
    // COLLATE "C" orders by UTF-8 bytes, as JavaScript orders these strings.
    expect(read).toEqual([...ids].sort((x, y) => (x < y ? -1 : 1)).map((id) => byId.get(id)));
    expect(Number((await dataSource.query(`SELECT count(*) AS n FROM rows`))[0].n)).toBe(4);
  });
});
