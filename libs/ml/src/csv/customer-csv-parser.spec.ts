import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { customersToMatrix } from '../features/feature-matrix';
import { FEATURE_NAMES } from '../features/feature-schema';
import { CsvHeaderError, parseCustomerCsv, parseCustomerCsvText, parseCustomerCsvToMatrix, type CustomerCsvBatch } from './customer-csv-parser';

const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
// C10001 of the real data, feature values in schema order.
const VALUES = ['40.900749', '0.818182', '95.4', '0', '95.4', '0', '0.166667', '0', '0.083333', '0', '0', '2', '1000', '201.802084', '139.509787', '0', '12'];

function row(id: string, overrides: Record<string, string> = {}): string {
  return [id, ...FEATURE_NAMES.map((name, j) => overrides[name] ?? VALUES[j])].join(',');
}

async function* chunked(parts: readonly (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  yield* parts;
}

async function collect(source: AsyncIterable<string | Uint8Array>, batchSize?: number): Promise<CustomerCsvBatch[]> {
  const batches: CustomerCsvBatch[] = [];
  for await (const batch of parseCustomerCsv(source, { batchSize })) batches.push(batch);
  return batches;
}

describe('parseCustomerCsvText', () => {
  it('should accept valid rows with every feature parsed when the columns come in any order', () => {
    const names = ['TENURE', 'CUST_ID', ...FEATURE_NAMES.slice(0, -1)];
    const text = `${names.join(',')}\n12,C10001,${VALUES.slice(0, -1).join(',')}\n`;
    const result = parseCustomerCsvText(text);
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toEqual([
      { customerId: 'C10001', features: Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, Number(VALUES[j])])) },
    ]);
  });

  it('should report bad rows with line, column, reason and raw text while good rows go through', () => {
    const text = [
      HEADER,
      row('C1'),
      row('C2', { MINIMUM_PAYMENTS: 'abc', PURCHASES_FREQUENCY: '1.7' }),
      '',
      row('C3', { TENURE: '7.5' }),
      `C4,"40.9",${VALUES.slice(1, 5).join(',')},"multi`,
      `line",${VALUES.slice(6).join(',')}`,
      row('C5', { BALANCE: '' }),
      row('C6', { MINIMUM_PAYMENTS: '', CREDIT_LIMIT: '' }),
      'C7,1,2,3',
      row('C 8'),
      row('C9'),
    ].join('\r\n');
    const { accepted, rejected, warnings, rowsRead } = parseCustomerCsvText(text);

    expect(accepted.map((c) => c.customerId)).toEqual(['C1', 'C6', 'C9']);
    expect(accepted[1].features).toMatchObject({ MINIMUM_PAYMENTS: null, CREDIT_LIMIT: null, BALANCE: 40.900749 });
    expect(rowsRead).toBe(9);
    expect(warnings).toEqual([]);
    expect(rejected).toEqual([
      {
        line: 3,
        customerId: 'C2',
        errors: [
          { column: 'PURCHASES_FREQUENCY', reason: 'PURCHASES_FREQUENCY: 1.7 is above the maximum 1' },
          { column: 'MINIMUM_PAYMENTS', reason: "MINIMUM_PAYMENTS: not a number ('abc')" },
        ],
        raw: row('C2', { MINIMUM_PAYMENTS: 'abc', PURCHASES_FREQUENCY: '1.7' }),
      },
      { line: 5, customerId: 'C3', errors: [{ column: 'TENURE', reason: 'TENURE: must be a whole number of months (7.5)' }], raw: row('C3', { TENURE: '7.5' }) },
      {
        line: 6,
        customerId: 'C4',
        errors: [{ column: 'CASH_ADVANCE', reason: "CASH_ADVANCE: not a number ('multi\r\nline')" }],
        raw: `C4,"40.9",${VALUES.slice(1, 5).join(',')},"multi\r\nline",${VALUES.slice(6).join(',')}`,
      },
      { line: 8, customerId: 'C5', errors: [{ column: 'BALANCE', reason: 'BALANCE: missing value not allowed' }], raw: row('C5', { BALANCE: '' }) },
      { line: 10, customerId: 'C7', errors: [{ column: null, reason: 'expected 18 fields, found 4' }], raw: 'C7,1,2,3' },
      { line: 11, customerId: 'C 8', errors: [{ column: 'CUST_ID', reason: "CUST_ID: only letters, digits and _ . : - are allowed ('C 8')" }], raw: row('C 8') },
    ]);
  });

  it('should keep the later row and warn when a customer id repeats', () => {
    const { accepted, warnings } = parseCustomerCsvText([HEADER, row('C1'), row('C2'), row('C1', { BALANCE: '99' })].join('\n'));
    expect(accepted.map((c) => [c.customerId, c.features.BALANCE])).toEqual([['C1', 99], ['C2', 40.900749]]);
    expect(warnings).toEqual([
      { kind: 'duplicate-id', line: 4, customerId: 'C1', column: 'CUST_ID', previousLine: 2, reason: 'CUST_ID: C1 already appeared on line 2; this row (line 4) replaces it' },
    ]);
  });

  it('should accept the row with a clamped value and a warning when a ratio is between 1 and 1.5', () => {
    const { accepted, rejected, warnings } = parseCustomerCsvText([HEADER, row('C1', { CASH_ADVANCE_FREQUENCY: '1.5' }), row('C2', { CASH_ADVANCE_FREQUENCY: '1.6' })].join('\n'));
    expect(accepted.map((c) => [c.customerId, c.features.CASH_ADVANCE_FREQUENCY])).toEqual([['C1', 1]]);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'clamped', line: 2, customerId: 'C1', column: 'CASH_ADVANCE_FREQUENCY', originalValue: 1.5, value: 1 })]);
    expect(rejected.map((r) => r.errors)).toEqual([[{ column: 'CASH_ADVANCE_FREQUENCY', reason: 'CASH_ADVANCE_FREQUENCY: 1.6 is above the maximum 1' }]]);
  });

  it('should throw one error listing every missing, unknown and duplicate column when the header is wrong', () => {
    const names = ['CUST_ID', ...FEATURE_NAMES.filter((n) => n !== 'BALANCE' && n !== 'TENURE'), 'FOO', 'PURCHASES'];
    let thrown: unknown;
    try {
      parseCustomerCsvText(`${names.join(',')}\n${row('C1')}\n`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CsvHeaderError);
    const error = thrown as CsvHeaderError;
    expect(error.missing).toEqual(['BALANCE', 'TENURE']);
    expect(error.unknown).toEqual(['FOO']);
    expect(error.duplicate).toEqual(['PURCHASES']);
    expect(error.message).toMatch(/^CSV header \(line 1\) does not match the customer schema — missing columns: BALANCE, TENURE; unknown columns: 'FOO'; duplicate columns: PURCHASES\./);
  });

  it('should throw when the input has no header', () => {
    expect(() => parseCustomerCsvText('\n\n')).toThrow(CsvHeaderError);
    expect(() => parseCustomerCsvText('')).toThrow(/CSV is empty/);
  });

  it('should return no customers when the file has only a header', () => {
    expect(parseCustomerCsvText(`${HEADER}\n`)).toEqual({ accepted: [], rejected: [], warnings: [], rowsRead: 0 });
  });
});

describe('parseCustomerCsvToMatrix', () => {
  it('should give the matrix, ids, rejections and warnings of the record path when rows repeat, miss values or fail', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(`C${i}`, { BALANCE: String(i), MINIMUM_PAYMENTS: i % 7 === 0 ? '' : '12.5' }));
    const text = [
      HEADER, ...rows, row('C5', { BALANCE: '99' }), row('BAD', { TENURE: 'x' }), row('C3000', { CASH_ADVANCE_FREQUENCY: '1.2' }), row('C5', { BALANCE: '7' }),
    ].join('\r\n');
    const records = parseCustomerCsvText(text);
    const fast = parseCustomerCsvToMatrix(text);
    expect(fast.matrix).toEqual(customersToMatrix(records.accepted));
    expect(fast.customerIds).toEqual(records.accepted.map((c) => c.customerId));
    expect(fast.customerIds).toHaveLength(3001);
    expect(fast.matrix.data[5 * FEATURE_NAMES.length]).toBe(7); // the last C5 replaced the first, in place
    expect(Number.isNaN(fast.matrix.data[FEATURE_NAMES.indexOf('MINIMUM_PAYMENTS')])).toBe(true);
    expect(fast.rejected).toEqual(records.rejected);
    expect(fast.rejected.map((r) => r.customerId)).toEqual(['BAD']);
    expect(fast.warnings).toEqual(records.warnings);
    expect(fast.warnings.map((w) => w.kind)).toEqual(['duplicate-id', 'clamped', 'duplicate-id']);
    expect(fast.rowsRead).toBe(records.rowsRead);
  });

  it('should return an empty matrix when the file has only a header', () => {
    const result = parseCustomerCsvToMatrix(`${HEADER}\n`);
    expect(result.matrix.rows).toBe(0);
    expect(result.matrix.cols).toBe(FEATURE_NAMES.length);
    expect(result.customerIds).toEqual([]);
  });
});

describe('parseCustomerCsv', () => {
  it('should yield batches of the configured size with a running row count', async () => {
    const lines = [HEADER, ...Array.from({ length: 7 }, (_, i) => row(`C${i}`))];
    lines[3] = row('C2', { BALANCE: '-1' });
    const batches = await collect(chunked([lines.join('\n')]), 3);
    expect(batches.map((b) => [b.accepted.length, b.rejected.length, b.rowsRead])).toEqual([[2, 1, 3], [3, 0, 6], [1, 0, 7]]);
    expect(batches[0].rejected[0]).toMatchObject({ line: 4, customerId: 'C2' });
  });

  it('should throw the header error before yielding anything when the header is wrong', async () => {
    const iterator = parseCustomerCsv(chunked([`CUST_ID,BALANCE\n${row('C1')}\n`]));
    await expect(iterator.next()).rejects.toThrow(/missing columns: BALANCE_FREQUENCY/);
  });

  it('should emit both rows in file order and warn when a duplicate id falls into a later batch', async () => {
    const batches = await collect(chunked([[HEADER, row('C1'), row('C2'), row('C1', { BALANCE: '5' })].join('\n')]), 2);
    expect(batches.map((b) => b.accepted.map((c) => [c.customerId, c.features.BALANCE]))).toEqual([[['C1', 40.900749], ['C2', 40.900749]], [['C1', 5]]]);
    expect(batches[1].warnings).toEqual([expect.objectContaining({ kind: 'duplicate-id', line: 4, previousLine: 2 })]);
    expect(batches[0].warnings).toEqual([]);
  });

  it('should keep the first row and reject later ones with the first line when duplicateIds is reject', async () => {
    const text = [HEADER, row('C1'), row('C2'), row('C1', { BALANCE: '5' }), row('C1', { BALANCE: '6' })].join('\n');
    const batches: CustomerCsvBatch[] = [];
    for await (const batch of parseCustomerCsv(chunked([text]), { batchSize: 3, duplicateIds: 'reject' })) batches.push(batch);
    expect(batches.flatMap((b) => b.accepted.map((c) => [c.customerId, c.features.BALANCE]))).toEqual([['C1', 40.900749], ['C2', 40.900749]]);
    expect(batches.flatMap((b) => b.rejected)).toEqual([4, 5].map((line) => ({
      line,
      customerId: 'C1',
      errors: [{ column: 'CUST_ID', reason: 'CUST_ID: duplicate customer id C1, first seen at line 2' }],
      raw: row('C1', { BALANCE: String(line + 1) }),
    })));
    expect(batches.flatMap((b) => b.warnings)).toEqual([]);
  });

  it('should decode UTF-8 bytes cut anywhere, including inside a character, after a BOM and between \\r and \\n', async () => {
    const text = `${HEADER}\r\n${row('C1')}\r\n${row('C2', { BALANCE: '€12' })}\r\n${row('C3')}`;
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const euro = bytes.indexOf(0xe2);
    for (const cut of [1, 2, 3, euro + 1, euro + 2, bytes.indexOf(13) + 1]) {
      const [batch] = await collect(chunked([bytes.subarray(0, cut), bytes.subarray(cut)]));
      expect(batch.accepted.map((c) => c.customerId)).toEqual(['C1', 'C3']);
      expect(batch.rejected).toEqual([expect.objectContaining({ line: 3, errors: [{ column: 'BALANCE', reason: "BALANCE: not a number ('€12')" }] })]);
    }
    const byteByByte = await collect(chunked(Array.from(bytes, (b) => Uint8Array.of(b))));
    expect(byteByByte[0].accepted.map((c) => c.customerId)).toEqual(['C1', 'C3']);
  });

  it('should stream a million rows in bounded memory when the source is produced lazily', async () => {
    const rows = 1_000_000;
    async function* lazyFile(): AsyncGenerator<string> {
      yield `${HEADER}\n`;
      const tail = `,${VALUES.join(',')}\n`;
      for (let start = 0; start < rows; start += 500) {
        let chunk = '';
        for (let i = start; i < start + 500; i++) chunk += `C${i}${tail}`;
        yield chunk;
      }
    }
    // Retained memory, measured after a full collection: the heap between collections depends on when V8's
    // concurrent marking gets CPU, which on a busy machine says nothing about what the parser keeps.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const retained = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = retained();
    let peak = before;
    let accepted = 0;
    let batches = 0;
    for await (const batch of parseCustomerCsv(lazyFile(), { batchSize: 5000 })) {
      accepted += batch.accepted.length;
      if (++batches % 20 === 0) peak = Math.max(peak, retained());
    }
    expect(accepted).toBe(rows);
    expect((peak - before) / 2 ** 20).toBeLessThan(64);
  }, 120_000);
});
