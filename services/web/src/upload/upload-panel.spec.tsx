/** @jest-environment jsdom */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { RejectedRowsDocument } from '../gql/graphql';
import { rejectedRowsCsv } from './rejected-rows-csv';
import { UploadPanel } from './upload-panel';

/** Stands in for the browser's XMLHttpRequest: records what the panel sends; the test plays the progress and the answer. */
class RecordedUpload {
  static sent: RecordedUpload[] = [];
  method = '';
  url = '';
  readonly headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  readonly upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  send(body: unknown) {
    this.body = body;
    RecordedUpload.sent.push(this);
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }

  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const HEADER = 'CUST_ID,BALANCE,BALANCE_FREQUENCY';
const BATCH_ID = '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10';
const rejectedRows = [
  { __typename: 'RejectedRow' as const, line: 3, column: 'BALANCE', customerId: 'C2', reason: "BALANCE: not a number ('abc')", raw: 'C2,abc,1', rawTruncated: false },
  { __typename: 'RejectedRow' as const, line: 4, column: null, customerId: 'C3', reason: 'row has 2 fields, the header 3', raw: '=C3,1', rawTruncated: false },
];
const rejectedMock: MockLink.MockedResponse = {
  request: { query: RejectedRowsDocument, variables: { batchId: BATCH_ID } },
  result: { data: { ingestBatch: { __typename: 'IngestBatch', id: BATCH_ID, read: 3, accepted: 1, rejected: 2, inserted: 1, updated: 0, unchanged: 0, stale: 0, warnings: 0, rejectedRows } } },
};
const summary = { batchId: BATCH_ID, status: 'completed', read: 3, accepted: 1, rejected: 2, inserted: 1, updated: 0, unchanged: 0, stale: 0, warnings: 0, rejectedRows: [], warningRows: [] };

function renderPanel(mocks: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={mocks}>
      <UploadPanel gatewayUrl="http://gateway.test/graphql" accessToken={() => 't0k3n'} />
    </MockedProvider>,
  );
}

async function choose(file: File) {
  fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [file] } });
  await waitFor(() => expect(screen.queryByText('No file chosen yet.')).toBeNull());
}

describe(UploadPanel.name, () => {
  const originalXhr = globalThis.XMLHttpRequest;
  beforeEach(() => {
    RecordedUpload.sent = [];
    globalThis.XMLHttpRequest = RecordedUpload as unknown as typeof XMLHttpRequest;
  });
  afterEach(() => {
    globalThis.XMLHttpRequest = originalXhr;
  });

  it('should refuse a file that is not CSV with a clear message before sending anything', async () => {
    renderPanel();
    await choose(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])], 'customers.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));

    expect(screen.getByRole('alert').textContent).toBe(
      '“customers.xlsx” cannot be uploaded: it is a ZIP archive (an Excel .xlsx or OpenDocument workbook is one). Export the customers as CSV (comma-separated values, with the CUST_ID,BALANCE,… header) and choose that file.',
    );
    expect((screen.getByRole('button', { name: 'Upload' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByRole('form', { name: 'Customer CSV upload' }));
    expect(RecordedUpload.sent).toEqual([]);
  });

  it('should show the progress while sending, then the batch summary and the rejected rows with line, column and reason, downloadable', async () => {
    renderPanel([rejectedMock]);
    const file = new File([`${HEADER}\nC1,10,1\nC2,abc,1\n=C3,1\n`], 'customers.csv', { type: 'text/csv' });
    await choose(file);
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    const [upload] = RecordedUpload.sent;

    expect(upload).toMatchObject({ method: 'POST', url: 'http://gateway.test/v1/customers/csv?fileName=customers.csv', headers: { authorization: 'Bearer t0k3n', 'content-type': 'text/csv' } });
    expect(upload.body).toBe(file);
    act(() => upload.progress(20, 40));
    const progress = screen.getByRole('progressbar', { name: 'Upload progress' }) as HTMLProgressElement;
    expect([progress.value, progress.max]).toEqual([20, 40]);
    act(() => upload.progress(40, 40));
    expect(screen.getByText('Sent; storing the last rows…')).toBeDefined();

    await act(async () => upload.answer(200, summary));
    expect(screen.getByRole('status').textContent).toBe(`Batch ${BATCH_ID}: 1 of 3 rows accepted.`);
    const figures = screen.getByLabelText('Batch summary').querySelectorAll('div');
    expect(Array.from(figures, (figure) => `${figure.querySelector('dt')?.textContent}: ${figure.querySelector('dd')?.textContent}`)).toEqual([
      'Rows read: 3',
      'Accepted: 1',
      'Rejected: 2',
      'New customers: 1',
      'Updated: 0',
      'Unchanged: 0',
      'Older than stored (skipped): 0',
      'Corrected with a warning: 0',
    ]);
    const table = await screen.findByRole('table', { name: 'Rejected rows' });
    expect(Array.from(table.querySelectorAll('tbody tr'), (row) => Array.from(row.children, (cell) => cell.textContent))).toEqual([
      ['3', 'BALANCE', 'C2', "BALANCE: not a number ('abc')"],
      ['4', '(whole row)', 'C3', 'row has 2 fields, the header 3'],
    ]);

    const downloaded: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      downloaded.push(blob);
      return 'blob:rejected';
    };
    URL.revokeObjectURL = () => undefined;
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.click(screen.getByRole('button', { name: 'Download rejected rows (CSV)' }));
    expect(clicked).toHaveBeenCalledTimes(1);
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(downloaded[0]);
    });
    expect(text).toBe(rejectedRowsCsv(rejectedRows));
    clicked.mockRestore();
  });

  it("should say clearly what the server refused: a header that does not match, a type it does not take", async () => {
    renderPanel();
    await choose(new File(['id,balance\nX,1\n'], 'other.csv', { type: 'text/csv' }));
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await act(async () =>
      RecordedUpload.sent[0].answer(400, { errors: [{ message: 'CSV header: missing column(s) CUST_ID', extensions: { code: 'BAD_REQUEST', batchId: BATCH_ID, committed: { read: 0 } } }] }),
    );
    expect(screen.getByRole('alert').textContent).toBe(`The file was refused: CSV header: missing column(s) CUST_ID. Rows stored before the failure stay (batch ${BATCH_ID}).`);

    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await act(async () => RecordedUpload.sent[1].answer(415, { errors: [{ message: 'POST /v1/customers/csv takes Content-Type: text/csv, got none', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] }));
    expect(screen.getByRole('alert').textContent).toBe('The platform takes CSV files only (POST /v1/customers/csv takes Content-Type: text/csv, got none).');
  });
});
