/** What the browser tells of a chosen file. */
export interface FileFacts {
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

/** How many bytes of the file are looked at before uploading. */
export const SNIFF_BYTES = 4_096;

const startsWith = (head: Uint8Array, bytes: readonly number[]) => bytes.every((byte, i) => head[i] === byte);

// Files people pick by mistake, by their first bytes.
const SIGNATURES: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'it is a ZIP archive (an Excel .xlsx or OpenDocument workbook is one)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'it is an old Office document (an Excel .xls workbook is one)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'it is a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'it is gzip-compressed: decompress it first' },
];

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NEWLINE = 0x0a;
const COMMA = 0x2c;

function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : null;
}

/** Why the file is not a CSV file of the platform, from its name, type and first bytes; null when it looks like one. */
function whyNotCsv(file: FileFacts, head: Uint8Array): string | null {
  if (file.size === 0) return 'it is empty';
  const signature = SIGNATURES.find((s) => startsWith(head, s.bytes));
  if (signature) return signature.what;
  if (head.includes(0)) return 'it holds binary data, not text';
  const extension = extensionOf(file.name);
  if (extension !== 'csv' && file.type !== 'text/csv') return extension === null ? 'its name has no .csv extension' : `it is a .${extension} file, not .csv`;
  // Bytes, not text: ASCII punctuation is enough to tell, and every byte of UTF-8 beyond ASCII is ≥ 0x80.
  let start = startsWith(head, UTF8_BOM) ? UTF8_BOM.length : 0;
  while (start < head.length && WHITESPACE.has(head[start])) start++;
  const first = String.fromCharCode(head[start] ?? 0);
  if (first === '{' || first === '[') return 'it looks like JSON';
  if (first === '<') return 'it looks like HTML or XML';
  const lineEnd = head.indexOf(NEWLINE, start);
  if (!head.subarray(start, lineEnd < 0 ? head.length : lineEnd).includes(COMMA)) {
    return 'its first line has no comma, so it is not comma-separated (a header such as CUST_ID,BALANCE,… is expected)';
  }
  return null;
}

/** A sentence for the person who chose the file, or null when it looks like a CSV file worth uploading. */
export function csvFileProblem(file: FileFacts, head: Uint8Array): string | null {
  const why = whyNotCsv(file, head);
  return why === null ? null : `“${file.name}” cannot be uploaded: ${why}. Export the customers as CSV (comma-separated values, with the CUST_ID,BALANCE,… header) and choose that file.`;
}
