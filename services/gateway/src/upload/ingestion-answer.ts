/** What the gateway answers for ingestion's answer to a forwarded CSV upload. */
export type UploadAnswer =
  /** A batch summary: passed on as is. */
  | { readonly kind: 'summary'; readonly status: number; readonly body: unknown }
  /** Refused or failed: the gateway's JSON error; `fault` is logged in full (the client's mistakes are not). */
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code: string;
      readonly message: string;
      readonly extensions: Readonly<Record<string, unknown>>;
      readonly fault: boolean;
    };

/** The client's mistakes ingestion reports, by status, under the codes the gateway uses for its own. */
const CLIENT_ERRORS: Readonly<Record<number, string>> = { 400: 'BAD_REQUEST', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

function messageOf(body: unknown): string | null {
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message) && message.every((m) => typeof m === 'string')) return message.join('; ');
  return null;
}

/** What a client may know of a batch that stopped: its id and the counts already committed (they stay). */
function batchOf(body: unknown): Record<string, unknown> {
  const { batchId, committed } = (body ?? {}) as { batchId?: unknown; committed?: unknown };
  return { ...(typeof batchId === 'string' ? { batchId } : {}), ...(committed !== null && typeof committed === 'object' ? { committed } : {}) };
}

/**
 * Ingestion's answer in the gateway's terms: a summary passes; the client's mistakes (400, 413, 415) keep their
 * status and message; anything else is the platform's fault, answered without ingestion's words (a 403 means the
 * gateway's secret is wrong, a 5xx a chunk that could not be written), but with the batch id and committed counts.
 */
export function uploadAnswerOf(status: number, body: unknown): UploadAnswer {
  if (status >= 200 && status < 300) return { kind: 'summary', status, body };
  const code = CLIENT_ERRORS[status];
  if (code !== undefined) {
    return { kind: 'error', status, code, message: messageOf(body) ?? `The ingestion service refused the upload (HTTP ${status})`, extensions: batchOf(body), fault: false };
  }
  if (status >= 500) return { kind: 'error', status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', extensions: batchOf(body), fault: true };
  return { kind: 'error', status: 502, code: 'BAD_GATEWAY', message: `The ingestion service refused the gateway's call (HTTP ${status})`, extensions: {}, fault: true };
}
