import type { Response } from 'express';

/**
 * Answers a request the gateway refuses before Apollo sees it, in the shape Apollo answers with: one GraphQL error
 * with its code. The code is also kept for the request log line (`refused`), which is how refusals are counted:
 * a client's mistake is not a server fault.
 */
export function sendGraphqlError(
  response: Response,
  status: number,
  error: { readonly code: string; readonly message: string; readonly extensions?: Record<string, unknown> },
  headers: Record<string, string> = {},
): void {
  response.locals.refusal = error.code;
  response
    .status(status)
    .set(headers)
    .json({ errors: [{ message: error.message, extensions: { ...error.extensions, code: error.code } }] });
}
