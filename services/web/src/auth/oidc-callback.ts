/** Parameters the provider adds to the page's address on its way back (RFC 6749 §4.1.2, RFC 9207's iss). */
const CALLBACK_PARAMS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];

/** The page's address without the provider's answer: where to come back to, and what the address bar shows after. */
export function pageAddress(href: string): string {
  const url = new URL(href);
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  return url.toString();
}

/** The page was loaded by the provider's redirect back from sign-in: a code, or an error, with the state it was sent. */
export function isSignInCallback(href: string): boolean {
  const { searchParams } = new URL(href);
  return searchParams.has('state') && (searchParams.has('code') || searchParams.has('error'));
}

/** The page was loaded by the provider's redirect back from sign-out: the state alone. */
export function isSignOutCallback(href: string): boolean {
  const { searchParams } = new URL(href);
  return searchParams.has('state') && !searchParams.has('code') && !searchParams.has('error');
}
