import { SEGMENT_EXPORT_FORMATS, SEGMENT_EXPORT_PATH, type SegmentExportFormat } from '@seg/contracts';
import type { Writable } from 'node:stream';

export interface SegmentExportRequest {
  /** One segment, or null for every segment. */
  readonly segmentId: string | null;
  readonly format: SegmentExportFormat;
  /** ISO-8601 instant; null: now. */
  readonly asOf: string | null;
}

export interface ExportProgress {
  readonly bytes: number;
  /** Lines received: with CSV the header counts as one. */
  readonly lines: number;
}

/** A refusal or failure of the export, with the gateway's code when it gave one (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, …). */
export class SegmentExportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SegmentExportError';
  }
}

export function isExportFormat(value: string): value is SegmentExportFormat {
  return (SEGMENT_EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The export's address on the gateway whose GraphQL endpoint is `gatewayUrl` (…/graphql or the bare origin). */
export function segmentExportUrl(gatewayUrl: string, request: SegmentExportRequest): URL {
  const url = new URL(SEGMENT_EXPORT_PATH, gatewayUrl);
  if (request.segmentId !== null) url.searchParams.set('segment', request.segmentId);
  url.searchParams.set('format', request.format);
  if (request.asOf !== null) url.searchParams.set('asOf', request.asOf);
  return url;
}

/** Data rows in what was received: CSV's header line is not one. */
export function exportedRows(format: SegmentExportFormat, progress: ExportProgress): number {
  return Math.max(0, progress.lines - (format === 'csv' ? 1 : 0));
}

const waitDrain = (out: Writable) => new Promise<void>((resolve, reject) => {
  const done = () => { out.off('error', fail); resolve(); };
  const fail = (error: Error) => { out.off('drain', done); reject(error); };
  out.once('drain', done);
  out.once('error', fail);
});

/**
 * Downloads an export from the gateway into `out`, chunk by chunk as it arrives (a write that fills `out`'s buffer waits
 * for it to drain, so memory stays flat whatever the size), calling `onProgress` per chunk. Throws `SegmentExportError`
 * with the gateway's message for a refusal, and when the transfer ends before the file did.
 */
export async function downloadSegmentExport(
  gatewayUrl: string,
  token: string,
  request: SegmentExportRequest,
  out: Writable,
  onProgress: (progress: ExportProgress) => void = () => undefined,
): Promise<ExportProgress> {
  const response = await fetch(segmentExportUrl(gatewayUrl, request), { headers: { authorization: `Bearer ${token}` } }).catch((error: unknown) => {
    throw new SegmentExportError(`The gateway at ${gatewayUrl} cannot be reached: ${(error as Error).cause ?? (error as Error).message}`, 'UNREACHABLE');
  });
  if (!response.ok || response.body === null) {
    const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    const first = body.errors?.[0];
    throw new SegmentExportError(first?.message ?? `The gateway answered HTTP ${response.status}`, first?.extensions?.code ?? `HTTP_${response.status}`);
  }
  let bytes = 0;
  let lines = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
      if (!out.write(chunk)) await waitDrain(out);
      onProgress({ bytes, lines });
    }
  } catch (error) {
    throw new SegmentExportError(`The export stopped after ${bytes} bytes before the file was complete: ${(error as Error).message}`, 'INCOMPLETE');
  }
  return { bytes, lines };
}
