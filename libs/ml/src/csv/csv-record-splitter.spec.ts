import { SeededRandom } from '../synthetic/random';
import { CsvRecordSplitter } from './csv-record-splitter';

interface Seen {
  readonly line: number;
  readonly fields: string[];
  readonly raw: string;
  readonly problem: string | null;
  readonly rawLength?: number;
}

/** `withLength`: also record the length of each record as written. */
function split(chunks: readonly string[], maxRecordLength?: number, withLength = false): Seen[] {
  const seen: Seen[] = [];
  const splitter = new CsvRecordSplitter(
    {
      onLine: (text, start, end, line) =>
        seen.push({ line, fields: text.slice(start, end).split(','), raw: text.slice(start, end), problem: null, ...(withLength && { rawLength: end - start }) }),
      onFields: (fields, line, raw, problem, rawLength) => seen.push({ line, fields, raw, problem, ...(withLength && { rawLength }) }),
    },
    maxRecordLength,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return seen;
}

const TRICKY = [
  '\uFEFFa,b,c\r\n',
  '1,"x, y",3\r\n',
  '\r\n',
  '2,"say ""hi""",4\n',
  '3,"multi\r\nline\nfield",5\r\n',
  '   \n',
  '"",,""\n',
  '4,"end",6',
].join('');

describe(CsvRecordSplitter.name, () => {
  it('should give fields and physical line numbers when records are quoted, multi-line and separated by blank lines', () => {
    expect(split([TRICKY]).map(({ line, fields, problem }) => ({ line, fields, problem }))).toEqual([
      { line: 1, fields: ['a', 'b', 'c'], problem: null },
      { line: 2, fields: ['1', 'x, y', '3'], problem: null },
      { line: 4, fields: ['2', 'say "hi"', '4'], problem: null },
      { line: 5, fields: ['3', 'multi\r\nline\nfield', '5'], problem: null },
      { line: 9, fields: ['', '', ''], problem: null },
      { line: 10, fields: ['4', 'end', '6'], problem: null },
    ]);
  });

  it('should keep the raw text of a record without its line break when it is quoted', () => {
    expect(split([TRICKY])[3].raw).toBe('3,"multi\r\nline\nfield",5');
  });

  it('should give the same records when the text is cut at any position, even between \\r and \\n', () => {
    const whole = split([TRICKY]);
    for (let cut = 1; cut < TRICKY.length; cut++) {
      expect(split([TRICKY.slice(0, cut), TRICKY.slice(cut)])).toEqual(whole);
    }
    expect(split([...TRICKY])).toEqual(whole);
  });

  it('should read the last record when the text has no final line break', () => {
    expect(split(['a,b\n1,2']).map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(split(['a,b\r\n1,2\r\n']).map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('should reject the line of a quote still open at the end of the input alone and read the lines after it', () => {
    expect(split(['a,b\n1,"open\n2,3\n'])).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a,b', problem: null },
      { line: 2, fields: ['1', 'open'], raw: '1,"open', problem: 'unclosed quote in column 2' },
      { line: 3, fields: ['2', '3'], raw: '2,3', problem: null },
    ]);
  });

  it('should report the record as malformed and go on when text follows a closing quote', () => {
    expect(split(['1,"ab"cd,3\n4,5,6\n'])).toEqual([
      { line: 1, fields: ['1', 'abcd', '3'], raw: '1,"ab"cd,3', problem: 'text after the closing quote in column 2' },
      { line: 2, fields: ['4', '5', '6'], raw: '4,5,6', problem: null },
    ]);
  });

  it('should reject the line of an unclosed quote alone and resynchronise on the next line when the quote would end in a malformed record', () => {
    // The quote of line 2 would close at the first quote of line 4, followed by text: not a record.
    const text = 'a,b,c\n1,"open,2\n3,4,5\n6,"x",7\n8,9,10\n';
    const expected = [
      { line: 1, fields: ['a', 'b', 'c'], raw: 'a,b,c', problem: null },
      { line: 2, fields: ['1', 'open,2'], raw: '1,"open,2', problem: 'unclosed quote in column 2' },
      { line: 3, fields: ['3', '4', '5'], raw: '3,4,5', problem: null },
      { line: 4, fields: ['6', 'x', '7'], raw: '6,"x",7', problem: null },
      { line: 5, fields: ['8', '9', '10'], raw: '8,9,10', problem: null },
    ];
    expect(split([text])).toEqual(expected);
    expect(split([...text])).toEqual(expected);
  });

  it('should reject the line of an unclosed quote alone when the record it would open has another field count than the header', () => {
    // Well-formed as RFC 4180 reads it ('1', 'open\n2,3,4\n5', '6'), yet 3 fields where the header has 4.
    expect(split(['a,b,c,d\n1,"open\n2,3,4\n5",6\n7,8,9,0\n']).map(({ line, problem }) => [line, problem])).toEqual([
      [1, null],
      [2, 'unclosed quote in column 2'],
      [3, null],
      [4, null], // '5"' and '6': a quote inside an unquoted field is kept as text
      [5, null],
    ]);
  });

  it('should keep a quoted field spanning lines in one record when the record is well-formed and has the header\'s field count', () => {
    expect(split(['a,b,c\n1,"x\ny",3\n4,5,6\n'])).toEqual([
      { line: 1, fields: ['a', 'b', 'c'], raw: 'a,b,c', problem: null },
      { line: 2, fields: ['1', 'x\ny', '3'], raw: '1,"x\ny",3', problem: null },
      { line: 4, fields: ['4', '5', '6'], raw: '4,5,6', problem: null },
    ]);
  });

  it('should reject a line longer than the limit as that line, with its first characters and its length, and read the next lines, however the text is cut', () => {
    const long = `3,${'x'.repeat(250)},"4`;
    const text = `a,b\n1,2\n${long}\r\n5,6\n`;
    const expected = [
      { line: 1, fields: ['a', 'b'], raw: 'a,b', problem: null, rawLength: 3 },
      { line: 2, fields: ['1', '2'], raw: '1,2', problem: null, rawLength: 3 },
      { line: 3, fields: ['3', 'x'.repeat(98)], raw: long.slice(0, 100), problem: `line too long: ${long.length} characters, the limit is 100`, rawLength: long.length },
      { line: 4, fields: ['5', '6'], raw: '5,6', problem: null, rawLength: 3 },
    ];
    expect(split([text], 100, true)).toEqual(expected);
    for (const size of [1, 7, 64, 101]) {
      const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      expect(split(chunks, 100, true)).toEqual(expected);
    }
  });

  it('should reject the line of a quote still open after the limit alone and read the lines after it when the text comes in chunks', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},${i}`);
    const text = `a,b\n1,"open\n${rows.join('\n')}\n`;
    const chunks = Array.from({ length: Math.ceil(text.length / 16) }, (_, i) => text.slice(i * 16, (i + 1) * 16));
    const seen = split(chunks, 100);
    expect(seen[1]).toEqual({ line: 2, fields: ['1', 'open'], raw: '1,"open', problem: 'unclosed quote in column 2' });
    expect(seen.slice(2).map((r) => r.raw)).toEqual(rows);
    expect(seen.slice(2).map((r) => r.line)).toEqual(rows.map((_, i) => i + 3));
  });

  it('should give the same records and lines for junk however it is cut, when quotes, line breaks and long lines are everywhere', () => {
    const random = new SeededRandom(99);
    const alphabet = ['"', '"', ',', ',', '\n', '\r', '\r\n', 'a', 'bb', '\u0000', 'x'.repeat(9)];
    const problems = new Set<string>();
    for (let sample = 0; sample < 12; sample++) {
      const text = `h1,h2,h3\n${Array.from({ length: 80 }, () => alphabet[random.int(alphabet.length)]).join('')}`;
      const whole = split([text], 16, true);
      expect(whole.flatMap((r) => (r.raw.length > 16 ? [r.raw] : []))).toEqual([]);
      for (const { problem } of whole) if (problem !== null) problems.add(problem.replace(/\d+/g, 'N'));
      for (let cut = 1; cut < text.length; cut++) expect(split([text.slice(0, cut), text.slice(cut)], 16, true)).toEqual(whole);
      const chunks = Array.from({ length: Math.ceil(text.length / 3) }, (_, i) => text.slice(i * 3, (i + 1) * 3));
      expect(split(chunks, 16, true)).toEqual(whole);
    }
    expect([...problems].sort()).toEqual(['line too long: N characters, the limit is N', 'text after the closing quote in column N', 'unclosed quote in column N']);
  });

  it('should pass NUL bytes and other control characters through as text of their line', () => {
    expect(split(['a,b\n1\u0000,2\u0007\n3,4\n']).map((r) => r.fields)).toEqual([['a', 'b'], ['1\u0000', '2\u0007'], ['3', '4']]);
  });

  it('should emit nothing when the input is empty or blank', () => {
    expect(split([])).toEqual([]);
    expect(split(['\n\r\n  \n'])).toEqual([]);
  });
});
