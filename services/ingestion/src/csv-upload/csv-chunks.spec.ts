import { FEATURE_NAMES } from '@seg/ml';
import { csvChunks, toRejectedRowRecord } from './csv-chunks';
import { limitBytes, UploadTooLargeError } from './upload-limit';

const HEADER = ['CUST_ID', ...FEATURE_NAMES].join(',');
const row = (id: string, balance = '40.9') => [id, balance, ...FEATURE_NAMES.slice(1).map(() => '0')].join(',').replace(/,0$/, ',12');

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

async function* parts(...texts: string[]): AsyncGenerator<string> {
  yield* texts;
}

describe(toRejectedRowRecord.name, () => {
  it('should keep one record with every column and reason when a row has several errors', () => {
    const record = toRejectedRowRecord({
      line: 7,
      customerId: 'C7',
      raw: 'C7,-1,x',
      rawLength: 7,
      rawTruncated: false,
      errors: [
        { column: 'BALANCE', reason: 'BALANCE: -1 is below the minimum 0' },
        { column: 'PURCHASES', reason: "PURCHASES: not a number ('x')" },
      ],
    });
    expect(record).toEqual({
      line: 7,
      customerId: 'C7',
      column: 'BALANCE, PURCHASES',
      reason: "BALANCE: -1 is below the minimum 0; PURCHASES: not a number ('x')",
      raw: 'C7,-1,x',
      rawLength: 7,
      rawTruncated: false,
    });
  });

  it('should leave the column null when the whole row is malformed', () => {
    expect(toRejectedRowRecord({ line: 3, customerId: null, raw: 'a,b', rawLength: 3, rawTruncated: false, errors: [{ column: null, reason: 'expected 18 fields, found 2' }] })).toMatchObject({
      column: null,
      reason: 'expected 18 fields, found 2',
    });
  });
});

describe(csvChunks.name, () => {
  it('should count the rows of each chunk and reject a repeated id with its first line when a file is streamed', async () => {
    const chunks = await collect(csvChunks(parts(`${HEADER}\n${row('C1')}\n${row('C2')}\n`, `${row('C1', '5')}\n`), 2));

    expect(chunks.map((c) => [c.read, c.accepted.map((a) => a.customerId), c.rejected.map((r) => r.line)])).toEqual([
      [2, ['C1', 'C2'], []],
      [1, [], [4]],
    ]);
    expect(chunks[1].rejected[0]).toMatchObject({ customerId: 'C1', column: 'CUST_ID', reason: 'CUST_ID: duplicate customer id C1, first seen at line 2' });
  });
});

describe(limitBytes.name, () => {
  it('should pass every chunk through when the body fits', async () => {
    expect(await collect(limitBytes(parts('ab', 'cd'), 4))).toEqual(['ab', 'cd']);
  });

  it('should throw UploadTooLargeError after the chunk that crosses the limit when the body is larger', async () => {
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of limitBytes(parts('ab', 'cd', 'e'), 4)) seen.push(String(chunk));
      })(),
    ).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(seen).toEqual(['ab', 'cd']);
  });
});
