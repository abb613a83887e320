import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

/** A refused or expired token, in either sign-in mode (a provider's session, or a pasted token). */
export const SIGN_IN_AGAIN = 'Your sign-in is no longer valid: sign out and sign in again.';

const BY_CODE: Record<string, string> = {
  UNAUTHENTICATED: SIGN_IN_AGAIN,
  FORBIDDEN: 'Your role is not allowed to do this.',
  BAD_USER_INPUT: 'The server did not accept the input',
  GRAPHQL_VALIDATION_FAILED: 'The client and the server disagree about the API; reload the page.',
};

/** One sentence a person can act on, for any error Apollo gives; never the raw JSON of the response. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const sentences = error.errors.map((e) => {
      const code = typeof e.extensions?.['code'] === 'string' ? e.extensions['code'] : '';
      const prefix = BY_CODE[code];
      if (code === 'BAD_USER_INPUT') return `${prefix}: ${e.message}`;
      return prefix ?? e.message;
    });
    return [...new Set(sentences)].join(' ');
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return BY_CODE['UNAUTHENTICATED'];
    if (error.statusCode === 403) return BY_CODE['FORBIDDEN'];
    if (error.statusCode >= 500) return `The platform had a problem answering (HTTP ${error.statusCode}); try again in a moment.`;
    return `The gateway refused the request (HTTP ${error.statusCode}).`;
  }
  if (error instanceof TypeError) return 'The gateway cannot be reached: check that the platform is running and the address in config.json.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
