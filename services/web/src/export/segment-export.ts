/** The gateway's export path (`SEGMENT_EXPORT_PATH` in @seg/contracts, which the browser bundle does not import). */
const EXPORT_PATH = '/v1/segment-members';

export type ExportFormat = 'csv' | 'ndjson';

/** Hands the downloaded file to the user (in the browser: an object URL clicked as a download). */
export type SaveFile = (file: Blob, fileName: string) => void;

/** Downloads one segment's members; rejects with a sentence a person can act on. */
export type SegmentExporter = (segmentId: string, format: ExportFormat) => Promise<void>;

const BY_STATUS: Record<number, string> = {
  401: 'Your sign-in is no longer valid: sign out and sign in with a fresh token.',
  403: 'Your role may not export segment members: it needs analyst or admin.',
};

/** `segment-revolvers-now.csv` from `attachment; filename="segment-revolvers-now.csv"`, else a name of our own. */
export function fileNameOf(contentDisposition: string | null, segmentId: string, format: ExportFormat): string {
  const match = /filename="([^"]+)"/.exec(contentDisposition ?? '');
  return match ? match[1] : `segment-${segmentId}.${format}`;
}

/**
 * An exporter through the gateway with the session's current token (read per export: OIDC sessions renew it). The
 * browser cannot send a bearer token with a plain link, so the file is fetched and handed over as a Blob: the gateway
 * and scoring stream it, the browser holds one file.
 */
export function gatewaySegmentExporter(gatewayUrl: string, accessToken: () => string, save: SaveFile, fetchFn: typeof fetch = fetch): SegmentExporter {
  return async (segmentId, format) => {
    const url = new URL(EXPORT_PATH, gatewayUrl);
    url.searchParams.set('segment', segmentId);
    url.searchParams.set('format', format);
    let response: Response;
    try {
      response = await fetchFn(url.toString(), { headers: { authorization: `Bearer ${accessToken()}` } });
    } catch {
      throw new Error('The gateway cannot be reached: check that the platform is running and the address in config.json.');
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string }[] };
      throw new Error(BY_STATUS[response.status] ?? body.errors?.[0]?.message ?? `The export failed (HTTP ${response.status}); try again in a moment.`);
    }
    save(await response.blob(), fileNameOf(response.headers.get('content-disposition'), segmentId, format));
  };
}

/** The browser's download of a Blob. */
export const saveInBrowser: SaveFile = (file, fileName) => {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the URL is no longer needed once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
