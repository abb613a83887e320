import { SIGN_IN_AGAIN } from '../api/error-message';
import { besideGateway } from '../api/gateway-url';
import type { IngestBatchCountsFragment } from '../gql/graphql';

/** The batch summary ingestion answers once every row is stored (the gateway passes it on): the batch's counts. */
export type UploadSummary = IngestBatchCountsFragment & { readonly batchId: string };

export type UploadOutcome = { readonly ok: true; readonly summary: UploadSummary } | { readonly ok: false; readonly message: string; readonly batchId: string | null };

export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
}

/** The gateway's upload route beside its GraphQL endpoint (a path prefix kept), with the file's name recorded. */
export function uploadUrl(gatewayUrl: string, fileName: string): string {
  const url = besideGateway(gatewayUrl, 'v1/customers/csv');
  url.searchParams.set('fileName', fileName);
  return url.toString();
}

interface GatewayError {
  readonly message?: unknown;
  readonly extensions?: { readonly code?: unknown; readonly batchId?: unknown };
}

/** The gateway's answer in words a person can act on. */
export function uploadOutcome(status: number, body: unknown): UploadOutcome {
  if (status === 200) return { ok: true, summary: body as UploadSummary };
  const error = ((body as { errors?: GatewayError[] } | null)?.errors ?? [])[0] ?? {};
  const said = typeof error.message === 'string' ? error.message : null;
  const batchId = typeof error.extensions?.batchId === 'string' ? error.extensions.batchId : null;
  const kept = batchId ? ` Rows stored before the failure stay (batch ${batchId}).` : '';
  switch (status) {
    case 400:
      return { ok: false, message: `The file was refused: ${said ?? 'it is not a customer CSV'}.${kept}`, batchId };
    case 401:
      return { ok: false, message: SIGN_IN_AGAIN, batchId };
    case 403:
      return { ok: false, message: 'Only admins may upload customers.', batchId };
    case 413:
      return { ok: false, message: `The file is too large: ${said ?? 'it exceeds the upload limit'}.${kept}`, batchId };
    case 415:
      return { ok: false, message: `The platform takes CSV files only (${said ?? 'unsupported media type'}).`, batchId };
    default:
      return { ok: false, message: `The platform had a problem storing the file (HTTP ${status}); try again in a moment.${kept}`, batchId };
  }
}

/**
 * POSTs the file as `text/csv` with the access token, reporting the bytes sent: XMLHttpRequest, because fetch tells
 * nothing of an upload's progress. The browser streams the file from disk; it is never read into memory here.
 */
export function uploadCsv(url: string, token: string, file: Blob, onProgress: (progress: UploadProgress) => void): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('authorization', `Bearer ${token}`);
    // Whatever the browser guessed (Windows says application/vnd.ms-excel for .csv): the file was checked to be CSV.
    request.setRequestHeader('content-type', 'text/csv');
    request.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // A proxy's HTML page: the status says enough.
      }
      resolve(uploadOutcome(request.status, body));
    };
    request.onerror = () => resolve({ ok: false, message: 'The gateway cannot be reached: check that the platform is running; nothing was stored unless the batch list says so.', batchId: null });
    request.send(file);
  });
}
