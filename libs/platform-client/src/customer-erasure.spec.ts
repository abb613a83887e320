import { parseIdFile } from './customer-erasure';

describe(parseIdFile.name, () => {
  it('should keep each id once in file order, skipping blank lines, comments, spaces and a BOM, when the file is well formed', () => {
    expect(parseIdFile('\uFEFF# week 49\r\nC10001\r\n\r\n  C10002  \nC10001\n# done\n')).toEqual({ ids: ['C10001', 'C10002'], problems: [], duplicates: 1 });
  });

  it('should report every line that is not one id, with its number, when the file holds several per line or too long ones', () => {
    const file = parseIdFile(`C10001\nC10002, C10003\n${'x'.repeat(65)}\nC10004\n`);

    expect(file.problems).toEqual([
      { line: 2, reason: 'holds spaces, commas or semicolons: one id per line' },
      { line: 3, reason: 'longer than 64 characters' },
    ]);
    expect(file.ids).toEqual(['C10001', 'C10004']);
  });
});
