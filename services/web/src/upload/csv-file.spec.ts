import { csvFileProblem } from './csv-file';

const bytes = (text: string) => new TextEncoder().encode(text);
const why = (name: string, head: Uint8Array, type = '') => csvFileProblem({ name, type, size: head.length }, head)?.replace(/^“[^”]+” cannot be uploaded: /, '').replace(/\. Export the customers .*$/, '');

describe(csvFileProblem.name, () => {
  it('should take a CSV file by its .csv name or its text/csv type, with a byte-order mark or CRLF lines', () => {
    expect(why('customers.csv', bytes('CUST_ID,BALANCE\nC1,1\n'))).toBeUndefined();
    expect(why('CUSTOMERS.CSV', bytes('\uFEFFCUST_ID,BALANCE\r\nC1,1\r\n'))).toBeUndefined();
    expect(why('export', bytes('  CUST_ID,BALANCE\n'), 'text/csv')).toBeUndefined();
  });

  it('should name what the file is when it is a workbook, a PDF, a compressed or binary file, JSON or HTML', () => {
    expect(why('customers.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('it is a ZIP archive (an Excel .xlsx or OpenDocument workbook is one)');
    expect(why('customers.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toBe('it is an old Office document (an Excel .xls workbook is one)');
    expect(why('customers.csv', bytes('%PDF-1.7'))).toBe('it is a PDF document');
    expect(why('customers.csv.gz', new Uint8Array([0x1f, 0x8b, 0x08]))).toBe('it is gzip-compressed: decompress it first');
    expect(why('customers.csv', new Uint8Array([0x43, 0x2c, 0x00, 0x41]))).toBe('it holds binary data, not text');
    expect(why('customers.csv', bytes('[{"CUST_ID":"C1","BALANCE":1}]'))).toBe('it looks like JSON');
    expect(why('customers.csv', bytes('\n<!doctype html><html>'))).toBe('it looks like HTML or XML');
  });

  it('should refuse another extension, no extension, an empty file and a first line without a comma', () => {
    expect(why('customers.json', bytes('CUST_ID,BALANCE\n'))).toBe('it is a .json file, not .csv');
    expect(why('customers', bytes('CUST_ID,BALANCE\n'))).toBe('its name has no .csv extension');
    expect(why('customers.csv', new Uint8Array())).toBe('it is empty');
    expect(why('customers.csv', bytes('CUST_ID;BALANCE\nC1;1,5\n'))).toMatch(/^its first line has no comma/);
  });

  it('should say which file and what to do instead', () => {
    expect(csvFileProblem({ name: 'q1.pdf', type: 'application/pdf', size: 8 }, bytes('%PDF-1.7'))).toBe(
      '“q1.pdf” cannot be uploaded: it is a PDF document. Export the customers as CSV (comma-separated values, with the CUST_ID,BALANCE,… header) and choose that file.',
    );
  });
});
