import { useQuery } from '@apollo/client/react';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { errorMessage } from '../api/error-message';
import { RejectedRowsDocument } from '../gql/graphql';
import { ColumnHeaders } from '../table/column-headers';
import { csvFileProblem, SNIFF_BYTES } from './csv-file';
import { rejectedRowsCsv } from './rejected-rows-csv';
import { uploadCsv, uploadUrl, type UploadProgress, type UploadSummary } from './upload-csv';

interface Props {
  readonly gatewayUrl: string;
  /** Read when the upload starts: a token renewed in the background is the one sent. */
  readonly accessToken: () => string;
}

type State =
  | { readonly phase: 'idle' }
  | { readonly phase: 'uploading'; readonly progress: UploadProgress }
  | { readonly phase: 'done'; readonly summary: UploadSummary }
  | { readonly phase: 'failed'; readonly message: string };

/** The first bytes of a file, through FileReader (every browser, and jsdom). */
function readHead(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file.slice(0, SNIFF_BYTES));
  });
}

const count = (n: number) => n.toLocaleString('en');
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

const SUMMARY_FIELDS: readonly { readonly key: Exclude<keyof UploadSummary, 'batchId' | '__typename'>; readonly label: string }[] = [
  { key: 'read', label: 'Rows read' },
  { key: 'accepted', label: 'Accepted' },
  { key: 'rejected', label: 'Rejected' },
  { key: 'inserted', label: 'New customers' },
  { key: 'updated', label: 'Updated' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'stale', label: 'Older than stored (skipped)' },
  { key: 'warnings', label: 'Corrected with a warning' },
];

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** The rows of a batch that were not stored, with where and why, and a CSV of them to fix and upload again. */
function RejectedRows({ batchId, rejected }: { readonly batchId: string; readonly rejected: number }) {
  const query = useQuery(RejectedRowsDocument, { variables: { batchId }, fetchPolicy: 'network-only' });
  const rows = query.data?.ingestBatch?.rejectedRows ?? [];
  if (query.error) return <p role="alert" className="error">The rejected rows cannot be shown: {errorMessage(query.error)}</p>;
  if (!query.data) return <p className="hint">Loading the rejected rows…</p>;
  return (
    <div className="rejected">
      <div className="inline">
        <h3 id="rejected-title">Rejected rows</h3>
        <button type="button" onClick={() => download(`rejected-rows-${batchId}.csv`, rejectedRowsCsv(rows))}>Download rejected rows (CSV)</button>
      </div>
      {rows.length < rejected && <p className="hint">The first {count(rows.length)} of {count(rejected)} are shown and downloaded; all are stored with batch {batchId}.</p>}
      <div className="table-scroll">
        <table aria-labelledby="rejected-title">
          <ColumnHeaders names={['Line', 'Column', 'Customer', 'Reason']} />
          <tbody>
            {rows.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>{row.column ?? '(whole row)'}</td>
                <td>{row.customerId ?? ''}</td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Admins upload a customer CSV: checked before sending, a progress bar while it goes, then the batch summary and the rejected rows. */
export function UploadPanel({ gatewayUrl, accessToken }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, setState] = useState<State>({ phase: 'idle' });

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    const found = chosen ? csvFileProblem(chosen, await readHead(chosen)) : null;
    setFile(chosen);
    setProblem(found);
    setState({ phase: 'idle' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || problem !== null || state.phase === 'uploading') return;
    setState({ phase: 'uploading', progress: { loaded: 0, total: file.size } });
    const outcome = await uploadCsv(uploadUrl(gatewayUrl, file.name), accessToken(), file, (progress) => setState({ phase: 'uploading', progress }));
    setState(outcome.ok ? { phase: 'done', summary: outcome.summary } : { phase: 'failed', message: outcome.message });
  };

  const uploading = state.phase === 'uploading';
  const sent = uploading && state.progress.total > 0 && state.progress.loaded >= state.progress.total;
  return (
    <section className="panel upload" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload customers</h2>
      <p className="hint">A CSV file with the CUST_ID,BALANCE,… header; each row is checked, the good ones stored, the others listed here.</p>
      <form onSubmit={submit} aria-label="Customer CSV upload">
        <label htmlFor="upload-file">CSV file</label>{' '}
        <input id="upload-file" type="file" accept=".csv,text/csv" onChange={choose} disabled={uploading} aria-invalid={problem !== null} aria-describedby="upload-file-help" />
        <button type="submit" disabled={!file || problem !== null || uploading}>{uploading ? 'Uploading…' : 'Upload'}</button>
        <p id="upload-file-help" className={problem ? 'error' : 'help'} role={problem ? 'alert' : undefined}>
          {problem ?? (file ? `${file.name}, ${megabytes(file.size)}` : 'No file chosen yet.')}
        </p>
      </form>
      {uploading && (
        <div aria-live="polite">
          <progress max={state.progress.total || 1} value={state.progress.loaded} aria-label="Upload progress" />
          <p>{sent ? 'Sent; storing the last rows…' : `Sending: ${megabytes(state.progress.loaded)} of ${megabytes(state.progress.total)}`}</p>
        </div>
      )}
      {state.phase === 'failed' && <p role="alert" className="error">{state.message}</p>}
      {state.phase === 'done' && (
        <div className="batch">
          <p role="status">Batch {state.summary.batchId}: {count(state.summary.accepted)} of {count(state.summary.read)} rows accepted.</p>
          <dl className="metrics" aria-label="Batch summary">
            {SUMMARY_FIELDS.map(({ key, label }) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>{count(state.summary[key])}</dd>
              </div>
            ))}
          </dl>
          {state.summary.rejected > 0 && <RejectedRows batchId={state.summary.batchId} rejected={state.summary.rejected} />}
        </div>
      )}
    </section>
  );
}
