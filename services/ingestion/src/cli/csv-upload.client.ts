import { GATEWAY_SECRET_HEADER } from '@seg/contracts';
import { request } from 'node:http';
import type { Readable } from 'node:stream';

export interface CsvUploadResponse {
  readonly status: number;
  /** The parsed JSON answer (a batch summary, or an error with its message). */
  readonly body: Record<string, unknown>;
}

/** The service did not answer at all (not running, wrong address). */
export class ServiceUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`The ingestion service at ${url} is not reachable (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'ServiceUnreachableError';
  }
}

/**
 * POSTs a CSV stream to `<baseUrl>/v1/customers/csv` without buffering it; `secret`: the platform's x-gateway-secret,
 * when the service requires it; `occurredAt`: the source's time of the file's rows (default: the upload's).
 */
export function uploadCsv(
  baseUrl: string,
  body: Readable,
  fileName: string | null,
  contentType = 'text/csv',
  secret = '',
  occurredAt: string | null = null,
): Promise<CsvUploadResponse> {
  const url = new URL('/v1/customers/csv', baseUrl);
  if (fileName !== null) url.searchParams.set('fileName', fileName);
  if (occurredAt !== null) url.searchParams.set('occurredAt', occurredAt);
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': contentType, ...(secret === '' ? {} : { [GATEWAY_SECRET_HEADER]: secret }) };
    const outgoing = request(url, { method: 'POST', headers }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        } catch {
          resolve({ status: response.statusCode ?? 0, body: { message: text } });
        }
      });
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' ? new ServiceUnreachableError(baseUrl, error) : error),
    );
    body.on('error', (error) => outgoing.destroy(error));
    body.pipe(outgoing);
  });
}
