import { BulkWriteError } from '../errors';
import { quoteIdentifier, quoteQualifiedName } from './identifiers';

describe(quoteIdentifier.name, () => {
  it('should wrap the name in double quotes when it is a plain name', () => {
    expect(quoteIdentifier('customer_id')).toBe('"customer_id"');
  });

  it('should double embedded quotes when the name contains them', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteIdentifier('x"; DROP TABLE t; --')).toBe('"x""; DROP TABLE t; --"');
  });

  it('should keep case and spaces when the name has them', () => {
    expect(quoteIdentifier('Purchase Frequency')).toBe('"Purchase Frequency"');
  });

  it('should throw when the name is empty or contains NUL', () => {
    expect(() => quoteIdentifier('')).toThrow(BulkWriteError);
    expect(() => quoteIdentifier('a\0b')).toThrow(/contain no NUL/);
  });
});

describe(quoteQualifiedName.name, () => {
  it('should quote schema and table separately when the name is qualified', () => {
    expect(quoteQualifiedName('scoring.assignments')).toBe('"scoring"."assignments"');
  });

  it('should quote the table alone when there is no schema', () => {
    expect(quoteQualifiedName('assignments')).toBe('"assignments"');
  });

  it('should throw when the name has more than two parts', () => {
    expect(() => quoteQualifiedName('db.scoring.assignments')).toThrow(/expected "table" or "schema.table"/);
  });
});
