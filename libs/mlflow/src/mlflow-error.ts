/**
 * What went wrong, as a caller needs to branch on it. The first three are MLflow's own error codes;
 * the others are failures on our side of the wire or answers we cannot use.
 */
export type MlflowErrorCode =
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'INVALID_PARAMETER_VALUE'
  | 'INVALID_STATE'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'UNSUPPORTED_ARTIFACT_URI'
  | 'INVALID_RESPONSE'
  | 'HTTP_ERROR';

export interface MlflowErrorDetails {
  /** The client call that failed, e.g. `getRun`. */
  operation: string;
  code: MlflowErrorCode;
  httpStatus?: number;
  /** MLflow's `error_code` as sent, including codes we do not map (e.g. `PERMISSION_DENIED`). */
  mlflowErrorCode?: string;
  mlflowMessage?: string;
  cause?: unknown;
}

export class MlflowError extends Error {
  readonly operation: string;
  readonly code: MlflowErrorCode;
  readonly httpStatus?: number;
  readonly mlflowErrorCode?: string;
  readonly mlflowMessage?: string;

  constructor(message: string, details: MlflowErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = MlflowError.name;
    this.operation = details.operation;
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.mlflowErrorCode = details.mlflowErrorCode;
    this.mlflowMessage = details.mlflowMessage;
  }

  /** Whether the call is worth repeating: the server or the network failed, not the request. */
  get retryable(): boolean {
    if (this.code === 'NETWORK_ERROR' || this.code === 'TIMEOUT') return true;
    return this.httpStatus !== undefined && (this.httpStatus >= 500 || this.httpStatus === 429);
  }
}

export function isMlflowError(error: unknown, code?: MlflowErrorCode): error is MlflowError {
  return error instanceof MlflowError && (code === undefined || error.code === code);
}

const passThroughCodes = new Set<MlflowErrorCode>([
  'RESOURCE_DOES_NOT_EXIST',
  'RESOURCE_ALREADY_EXISTS',
  'INVALID_PARAMETER_VALUE',
  'INVALID_STATE',
]);

// Long HTML error pages (a proxy, an unknown route) would drown the useful part of the message.
const maxBodyExcerpt = 300;

/** Turns a non-2xx answer into an MlflowError; `body` is the raw response text. */
export function mlflowErrorFromResponse(operation: string, httpStatus: number, body: string): MlflowError {
  let mlflowErrorCode: string | undefined;
  let mlflowMessage: string | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object') {
      const { error_code, message } = parsed as Record<string, unknown>;
      if (typeof error_code === 'string') mlflowErrorCode = error_code;
      if (typeof message === 'string') mlflowMessage = message;
    }
  } catch {
    // Not JSON: keep an excerpt of the text below.
  }
  const code: MlflowErrorCode =
    mlflowErrorCode !== undefined && passThroughCodes.has(mlflowErrorCode as MlflowErrorCode)
      ? (mlflowErrorCode as MlflowErrorCode)
      : httpStatus === 404
        ? 'RESOURCE_DOES_NOT_EXIST'
        : 'HTTP_ERROR';
  const detail =
    mlflowErrorCode !== undefined || mlflowMessage !== undefined
      ? `${mlflowErrorCode ?? 'no error_code'}: ${mlflowMessage ?? 'no message'}`
      : body.trim().slice(0, maxBodyExcerpt) || 'empty body';
  return new MlflowError(`MLflow ${operation} failed: HTTP ${httpStatus} ${detail}`, {
    operation,
    code,
    httpStatus,
    mlflowErrorCode,
    mlflowMessage,
  });
}

/** Wraps what `fetch` threw: our own timeout abort, or a connection-level failure. */
export function mlflowErrorFromFetchFailure(operation: string, error: unknown, timeoutMs: number): MlflowError {
  // Duck-typed: fetch's errors (DOMException, undici's TypeError) may come from another realm.
  const { name, message, cause } = describe(error);
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new MlflowError(`MLflow ${operation} failed: no answer within ${timeoutMs} ms`, {
      operation,
      code: 'TIMEOUT',
      cause: error,
    });
  }
  // undici hides the socket error (ECONNREFUSED, ECONNRESET, …) in `cause`.
  const reason = [message, describe(cause).message].filter(Boolean).join(': ');
  return new MlflowError(`MLflow ${operation} failed: network error (${reason})`, {
    operation,
    code: 'NETWORK_ERROR',
    cause: error,
  });
}

function describe(error: unknown): { name?: string; message?: string; cause?: unknown } {
  if (error === null || typeof error !== 'object') return { message: error === undefined ? undefined : String(error) };
  const { name, message, cause } = error as Record<string, unknown>;
  return { name: typeof name === 'string' ? name : undefined, message: typeof message === 'string' ? message : undefined, cause };
}

/**
 * Whether an alias lookup failed only because nothing carries the alias (or the model does not exist).
 * MLflow 3's SQL registry answers a missing alias with HTTP 400 INVALID_PARAMETER_VALUE "Registered
 * model alias <alias> not found." rather than a 404, so the message is the only tell.
 */
export function isMissingAliasError(error: unknown): boolean {
  if (isMlflowError(error, 'RESOURCE_DOES_NOT_EXIST')) return true;
  return isMlflowError(error, 'INVALID_PARAMETER_VALUE') && /\balias\b.*\bnot found\b/i.test(error.mlflowMessage ?? '');
}
