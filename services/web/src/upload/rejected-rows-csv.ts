export interface RejectedRowLine {
  readonly line: number;
  readonly column: string | null;
  readonly customerId: string | null;
  readonly reason: string;
  readonly raw: string;
}

// A cell a spreadsheet would run as a formula (the row text comes from the uploaded file): quoted with a leading '.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rejected rows as a CSV file (RFC 4180, CRLF): line, column, customer id, reason, and the row as sent. */
export function rejectedRowsCsv(rows: readonly RejectedRowLine[]): string {
  const lines = [['line', 'column', 'customer_id', 'reason', 'row'].join(',')];
  for (const row of rows) lines.push([row.line, row.column, row.customerId, row.reason, row.raw].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
