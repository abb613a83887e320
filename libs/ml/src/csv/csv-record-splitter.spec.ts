import { CsvRecordSplitter, CsvSyntaxError } from './csv-record-splitter';

interface Seen {
  readonly line: number;
  readonly fields: string[];
  readonly raw: string;
  readonly problem: string | null;
}

function split(chunks: readonly string[], maxRecordLength?: number): Seen[] {
  const seen: Seen[] = [];
  const splitter = new CsvRecordSplitter(
    {
      onLine: (text, start, end, line) => seen.push({ line, fields: text.slice(start, end).split(','), raw: text.slice(start, end), problem: null }),
      onFields: (fields, line, raw, problem) => seen.push({ line, fields, raw, problem }),
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

  it('should report the record as malformed when a quote is never closed at the end of the input', () => {
    expect(split(['a,b\n1,"open\n2,3\n'])).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a,b', problem: null },
      { line: 2, fields: ['1', 'open\n2,3'], raw: '1,"open\n2,3', problem: 'quoted field in column 2 is never closed' },
    ]);
  });

  it('should report the record as malformed and go on when text follows a closing quote', () => {
    expect(split(['1,"ab"cd,3\n4,5,6\n'])).toEqual([
      { line: 1, fields: ['1', 'abcd', '3'], raw: '1,"ab"cd,3', problem: 'text after the closing quote in column 2' },
      { line: 2, fields: ['4', '5', '6'], raw: '4,5,6', problem: null },
    ]);
  });

  it('should throw with the line number when a record outgrows the limit (an unterminated quote)', () => {
    const splitter = new CsvRecordSplitter({ onLine: () => undefined, onFields: () => undefined }, 100);
    splitter.push('a,b\n1,2\n3,"never closed');
    expect(() => splitter.push('x'.repeat(200))).toThrow(new CsvSyntaxError('line 3: record longer than 100 characters (an unterminated quote?)'));
  });

  it('should emit nothing when the input is empty or blank', () => {
    expect(split([])).toEqual([]);
    expect(split(['\n\r\n  \n'])).toEqual([]);
  });
});
