import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { customersToMatrix } from '../features/feature-matrix';
import { FEATURE_NAMES } from '../features/feature-schema';
import { SeededRandom } from '../synthetic/random';
import { CsvHeaderError, parseCustomerCsv, parseCustomerCsvText, parseCustomerCsvToMatrix, type CustomerCsvBatch, type CustomerCsvOptions } from './customer-csv-parser';

const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
// C10001 of the real data, feature values in schema order.
const VALUES = ['40.900749', '0.818182', '95.4', '0', '95.4', '0', '0.166667', '0', '0.083333', '0', '0', '2', '1000', '201.802084', '139.509787', '0', '12'];

function row(id: string, overrides: Record<string, string> = {}): string {
  return [id, ...FEATURE_NAMES.map((name, j) => overrides[name] ?? VALUES[j])].join(',');
}

/**
 * Retained memory, measured after a full collection: the heap between collections depends on when V8's
 * concurrent marking gets CPU, which on a busy machine says nothing about what the parser keeps.
 */
function retainedHeapBytes(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
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
    const whole = (raw: string) => ({ raw, rawLength: raw.length, rawTruncated: false });
    expect(rejected).toEqual([
      {
        line: 3,
        customerId: 'C2',
        errors: [
          { column: 'PURCHASES_FREQUENCY', reason: 'PURCHASES_FREQUENCY: 1.7 is above the maximum 1' },
          { column: 'MINIMUM_PAYMENTS', reason: "MINIMUM_PAYMENTS: not a number ('abc')" },
        ],
        ...whole(row('C2', { MINIMUM_PAYMENTS: 'abc', PURCHASES_FREQUENCY: '1.7' })),
      },
      { line: 5, customerId: 'C3', errors: [{ column: 'TENURE', reason: 'TENURE: must be a whole number of months (7.5)' }], ...whole(row('C3', { TENURE: '7.5' })) },
      {
        line: 6,
        customerId: 'C4',
        errors: [{ column: 'CASH_ADVANCE', reason: "CASH_ADVANCE: not a number ('multi\r\nline')" }],
        ...whole(`C4,"40.9",${VALUES.slice(1, 5).join(',')},"multi\r\nline",${VALUES.slice(6).join(',')}`),
      },
      { line: 8, customerId: 'C5', errors: [{ column: 'BALANCE', reason: 'BALANCE: missing value not allowed' }], ...whole(row('C5', { BALANCE: '' })) },
      { line: 10, customerId: 'C7', errors: [{ column: null, reason: 'expected 18 fields, found 4' }], ...whole('C7,1,2,3') },
      { line: 11, customerId: 'C 8', errors: [{ column: 'CUST_ID', reason: "CUST_ID: only letters, digits and _ . : - are allowed ('C 8')" }], ...whole(row('C 8')) },
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
      rawLength: row('C1', { BALANCE: String(line + 1) }).length,
      rawTruncated: false,
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
    const before = retainedHeapBytes();
    let peak = before;
    let accepted = 0;
    let batches = 0;
    for await (const batch of parseCustomerCsv(lazyFile(), { batchSize: 5000 })) {
      accepted += batch.accepted.length;
      if (++batches % 20 === 0) peak = Math.max(peak, retainedHeapBytes());
    }
    expect(accepted).toBe(rows);
    expect((peak - before) / 2 ** 20).toBeLessThan(64);
  }, 120_000);
});

describe('parseCustomerCsv on hostile input', () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  const concat = (parts: readonly (string | Uint8Array)[]): Uint8Array => Buffer.concat(parts.map((part) => (typeof part === 'string' ? encode(part) : part)));
  const inChunks = (bytes: Uint8Array, size: number): Uint8Array[] => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  const lineCount = (bytes: Uint8Array): number => bytes.reduce((n, byte) => n + (byte === 0x0a ? 1 : 0), 0);
  /** What PostgreSQL's text type refuses (NUL) and what cannot be encoded as UTF-8 (a lone surrogate). */
  const isUnstorable = (text: string): boolean => text.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

  async function readAll(parts: readonly (string | Uint8Array)[], options: CustomerCsvOptions = {}) {
    const batches: CustomerCsvBatch[] = [];
    for await (const batch of parseCustomerCsv(chunked(parts), options)) batches.push(batch);
    return {
      accepted: batches.flatMap((b) => b.accepted.map((c) => c.customerId)),
      rejected: batches.flatMap((b) => b.rejected),
      rowsRead: batches.at(-1)?.rowsRead ?? 0,
    };
  }

  it('should name at most 20 unknown columns, quoted and storable, when the header is junk', () => {
    const junkHeader = Array.from({ length: 100 }, (_, i) => `junk\u0000${i}`).join(',');
    expect(() => parseCustomerCsvText(`${junkHeader}\n${row('C1')}\n`)).toThrow(
      new RegExp(`unknown columns: 'junk\uFFFD0', 'junk\uFFFD1', .*, 'junk\uFFFD19' and 80 more\\. Expected`),
    );
  });

  it('should reject only the rows with a NUL byte or a lone surrogate, each replaced by U+FFFD in what is reported, and accept the rest', async () => {
    const text = [HEADER, row('C1'), row('C2', { BALANCE: '40.9\u0000' }), row('C3\u0000X'), row('C4', { TENURE: '\uD800' }), row('C5')].join('\n');
    const { accepted, rejected } = await readAll([encode(text.slice(0, text.indexOf('C4'))), text.slice(text.indexOf('C4'))]);

    expect(accepted).toEqual(['C1', 'C5']);
    const whole = (raw: string) => ({ raw, rawLength: raw.length, rawTruncated: false });
    expect(rejected).toEqual([
      { line: 3, customerId: 'C2', errors: [{ column: 'BALANCE', reason: "BALANCE: not a number ('40.9\uFFFD')" }], ...whole(row('C2', { BALANCE: '40.9\uFFFD' })) },
      {
        line: 4,
        customerId: 'C3\uFFFDX',
        errors: [{ column: 'CUST_ID', reason: "CUST_ID: only letters, digits and _ . : - are allowed ('C3\uFFFDX')" }],
        ...whole(row('C3\uFFFDX')),
      },
      { line: 5, customerId: 'C4', errors: [{ column: 'TENURE', reason: "TENURE: not a number ('\uFFFD')" }], ...whole(row('C4', { TENURE: '\uFFFD' })) },
    ]);
  });

  it('should reject a row with invalid UTF-8, showing U+FFFD for each bad sequence, and accept the others', async () => {
    const bad = concat(['C', Uint8Array.of(0xc3, 0x28), ',', Uint8Array.of(0xff, 0xfe), row('').slice(row('').indexOf(',', 1))]);
    const { accepted, rejected } = await readAll([concat([`${HEADER}\n${row('C1')}\n`, bad, `\n${row('C3')}\n`])]);

    expect(accepted).toEqual(['C1', 'C3']);
    expect(rejected).toEqual([expect.objectContaining({ line: 3, customerId: 'C\uFFFD(', raw: `C\uFFFD(,\uFFFD\uFFFD${row('').slice(row('').indexOf(',', 1))}` })]);
    expect(rejected[0].errors.map((e) => e.column)).toEqual(['CUST_ID', 'BALANCE']);
  });

  it('should reject the junk lines by line number and accept every valid row when binary junk sits between valid rows', async () => {
    const random = new SeededRandom(2024);
    // Rich in what breaks a CSV reader: NUL, quotes, line breaks, commas and bytes that are not UTF-8.
    const junk = () => Uint8Array.from({ length: 4000 }, () => [0x00, 0x22, 0x0a, 0x0d, 0x2c, 0xff, 0xc3][random.int(10)] ?? random.int(256));
    const validIds: string[] = [];
    const validLines = new Set<number>();
    const parts: Uint8Array[] = [encode(`${HEADER}\n`)];
    let line = 2;
    for (let block = 0; block < 4; block++) {
      for (let i = 0; i < 100; i++) {
        validIds.push(`J${block}-${i}`);
        validLines.add(line++);
        parts.push(encode(`${row(`J${block}-${i}`)}\n`));
      }
      // Ends with a quote opened at the start of a line, unless the junk left a quoted field open itself.
      const garbage = concat([junk(), '\n"open,1\n']);
      line += lineCount(garbage);
      parts.push(garbage);
    }
    const bytes = concat(parts);

    const whole = await readAll([bytes]);
    expect(whole.accepted).toEqual(validIds);
    expect(whole.rejected.length).toBeGreaterThan(4);
    expect(whole.rejected.filter((r) => validLines.has(r.line))).toEqual([]);
    expect(whole.rowsRead).toBe(whole.accepted.length + whole.rejected.length);
    const texts = whole.rejected.flatMap((r) => [r.raw, r.customerId ?? '', ...r.errors.map((e) => e.reason)]);
    expect(texts.filter(isUnstorable)).toEqual([]);
    for (const size of [1000, 65_536]) expect(await readAll(inChunks(bytes, size))).toEqual(whole);
  });

  it('should reject a line of 1.1 million characters as that row, keeping its first 4,096 characters and its length, and read the rows after it', async () => {
    const huge = row('C2', { PAYMENTS: '9'.repeat(1_100_000) });
    const bytes = encode([HEADER, row('C1'), huge, row('C3')].join('\r\n'));
    const { accepted, rejected } = await readAll(inChunks(bytes, 65_536));

    expect(accepted).toEqual(['C1', 'C3']);
    expect(rejected).toEqual([
      {
        line: 3,
        customerId: 'C2',
        errors: [{ column: null, reason: `line too long: ${huge.length} characters, the limit is 1048576` }],
        raw: huge.slice(0, 4096),
        rawLength: huge.length,
        rawTruncated: true,
      },
    ]);
  });

  it('should hold only the kept characters of rejected long rows when a batch is full of them', async () => {
    const lines = 300;
    async function* longLines(): AsyncGenerator<string> {
      yield `${HEADER}\n`;
      // Built per line: each is a string of its own that the parser must not keep alive.
      for (let i = 0; i < lines; i++) yield `${row(`L${i}`, { PAYMENTS: `${i}`.padEnd(300_000 + i, '9') })}\n`;
    }
    const before = retainedHeapBytes();
    const batches: CustomerCsvBatch[] = [];
    for await (const batch of parseCustomerCsv(longLines(), { batchSize: 1000 })) batches.push(batch);
    const heldMb = (retainedHeapBytes() - before) / 2 ** 20;

    expect(batches.flatMap((b) => b.rejected.map((r) => [r.raw.length, r.rawTruncated]))).toEqual(Array(lines).fill([4096, true]));
    // The lines themselves: 300 × 300,000 characters, 86 MiB.
    expect(heldMb).toBeLessThan(16);
  });

  it('should keep only the configured number of characters of a long rejected row', () => {
    const long = row('C2', { BALANCE: 'x'.repeat(100_000) });
    const { rejected } = parseCustomerCsvText([HEADER, long, row('C3')].join('\n'), { maxRejectedRawLength: 50 });
    expect(rejected).toEqual([
      { line: 2, customerId: 'C2', errors: [{ column: 'BALANCE', reason: `BALANCE: not a number ('${'x'.repeat(40)}…')` }], raw: long.slice(0, 50), rawLength: long.length, rawTruncated: true },
    ]);
  });

  it('should reject the row of an unclosed quote alone and store the rows after it, quoted ones included', async () => {
    const open = `C2,"40.9,${VALUES.slice(1).join(',')}`;
    const text = [HEADER, row('C1'), open, row('C3'), `C4,"1",${VALUES.slice(1).join(',')}`, row('C5')].join('\n');
    const { accepted, rejected } = await readAll([text]);

    expect(accepted).toEqual(['C1', 'C3', 'C4', 'C5']);
    expect(rejected).toEqual([{ line: 3, customerId: 'C2', errors: [{ column: null, reason: 'unclosed quote in column 2' }], raw: open, rawLength: open.length, rawTruncated: false }]);
  });

  it('should reject the last row when its quote is still open at the end of the file', async () => {
    const open = `C3,"40.9,${VALUES.slice(1).join(',')}`;
    const { accepted, rejected } = await readAll([[HEADER, row('C1'), row('C2'), open].join('\n')]);

    expect(accepted).toEqual(['C1', 'C2']);
    expect(rejected).toEqual([expect.objectContaining({ line: 4, customerId: 'C3', errors: [{ column: null, reason: 'unclosed quote in column 2' }], raw: open })]);
  });

  it('should read a quoted field spanning lines as one record, and number the lines after it, when the record is well-formed', async () => {
    const multiLine = `C2,"40.9\n",${VALUES.slice(1).join(',')}`;
    const { accepted, rejected } = await readAll([[HEADER, row('C1'), multiLine, row('C3'), row('C4', { BALANCE: '-1' })].join('\n')]);

    expect(accepted).toEqual(['C1', 'C3']);
    expect(rejected.map((r) => [r.line, r.customerId, r.raw])).toEqual([
      [3, 'C2', multiLine],
      [6, 'C4', row('C4', { BALANCE: '-1' })],
    ]);
  });
});
