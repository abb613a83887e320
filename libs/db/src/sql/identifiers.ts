import { BulkWriteError } from '../errors';

/**
 * Quotes one SQL identifier. Quoting (rather than validating against a pattern) keeps any legal column
 * name usable, and doubling embedded quotes is the only escaping PostgreSQL needs.
 */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\0')) {
    throw new BulkWriteError(`Invalid SQL identifier ${JSON.stringify(name)}: it must be non-empty and contain no NUL`);
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes `table` or `schema.table`; a dot always separates the schema, so names themselves may not contain one. */
export function quoteQualifiedName(qualifiedName: string): string {
  const parts = qualifiedName.split('.');
  if (parts.length > 2) {
    throw new BulkWriteError(`Invalid table name ${JSON.stringify(qualifiedName)}: expected "table" or "schema.table"`);
  }
  return parts.map(quoteIdentifier).join('.');
}
