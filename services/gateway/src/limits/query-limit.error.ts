export type QueryLimitCode = 'QUERY_TOO_LARGE' | 'QUERY_TOO_DEEP' | 'QUERY_TOO_COSTLY';

/** An operation over one of the gateway's limits: the caller's to fix, answered with HTTP 400. */
export class QueryLimitError extends Error {
  constructor(
    readonly code: QueryLimitCode,
    message: string,
  ) {
    super(message);
    this.name = 'QueryLimitError';
  }
}
