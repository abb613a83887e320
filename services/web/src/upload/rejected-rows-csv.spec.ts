import { rejectedRowsCsv } from './rejected-rows-csv';

describe(rejectedRowsCsv.name, () => {
  it('should write a header and one quoted-as-needed line per row, CRLF-terminated', () => {
    const csv = rejectedRowsCsv([
      { line: 3, column: 'BALANCE', customerId: 'C2', reason: "BALANCE: not a number ('abc')", raw: 'C2,abc,1' },
      { line: 7, column: null, customerId: null, reason: 'unclosed quote in column 2', raw: 'C9,"1\nsecond line' },
    ]);
    expect(csv).toBe(
      'line,column,customer_id,reason,row\r\n' +
        `3,BALANCE,C2,BALANCE: not a number ('abc'),"C2,abc,1"\r\n` +
        '7,,,unclosed quote in column 2,"C9,""1\nsecond line"\r\n',
    );
  });

  it('should keep a spreadsheet from running a cell of the uploaded text as a formula', () => {
    const csv = rejectedRowsCsv([{ line: 2, column: 'CUST_ID', customerId: '=HYPERLINK("x")', reason: 'bad id', raw: '@SUM(A1),1' }]);
    expect(csv.split('\r\n')[1]).toBe(`2,CUST_ID,"'=HYPERLINK(""x"")",bad id,"'@SUM(A1),1"`);
  });
});
