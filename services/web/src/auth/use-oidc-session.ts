import type { UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CallerRefusedError, fetchCaller, type Caller } from './gateway-caller';
import { isSignInCallback, isSignOutCallback, pageAddress } from './oidc-callback';

export type OidcSession =
  | { readonly status: 'loading' }
  /** `message`: why the person is not signed in (a refused token, a session that could not be renewed). */
  | { readonly status: 'signed-out'; readonly message: string | null }
  /** Signed in at the provider, but the gateway refused: no platform role (403) or a token it does not accept. */
  | { readonly status: 'refused'; readonly message: string }
  | { readonly status: 'signed-in'; readonly caller: Caller };

export interface OidcSessionControls {
  readonly session: OidcSession;
  /** The current access token, renewed in the background: read it for every request. */
  readonly accessToken: () => string;
  signIn(): void;
  signOut(): void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'The sign-in failed.';
}

/** One completion per page load: the code is single-use, and React may run an effect twice (StrictMode). */
const callbacks = new WeakMap<UserManager, Promise<void>>();

/** Completes the provider's redirect back, if this load is one, and clears its parameters from the address. */
function completeRedirect(manager: UserManager, href: string): Promise<void> {
  let done = callbacks.get(manager);
  if (done === undefined) {
    const complete = async () => {
      if (!isSignInCallback(href) && !isSignOutCallback(href)) return;
      try {
        if (isSignInCallback(href)) await manager.signinRedirectCallback(href);
        else await manager.signoutRedirectCallback(href);
      } finally {
        // A reload must not present the code again.
        window.history.replaceState(null, '', pageAddress(href));
      }
    };
    done = complete();
    callbacks.set(manager, done);
  }
  return done;
}

/**
 * The OpenID Connect session of the page: completes the provider's redirect back, asks the gateway who the token's
 * holder is, keeps the token current as oidc-client-ts renews it, and signs out at the provider.
 */
export function useOidcSession(manager: UserManager, gatewayUrl: string): OidcSessionControls {
  const [session, setSession] = useState<OidcSession>({ status: 'loading' });
  const token = useRef('');

  useEffect(() => {
    let active = true;
    const settle = (next: OidcSession) => active && setSession(next);
    const start = async () => {
      await completeRedirect(manager, window.location.href);
      const user = await manager.getUser();
      if (!user || user.expired) return settle({ status: 'signed-out', message: null });
      token.current = user.access_token;
      try {
        settle({ status: 'signed-in', caller: await fetchCaller(gatewayUrl, user.access_token) });
      } catch (error) {
        if (!(error instanceof CallerRefusedError)) throw error;
        settle({ status: 'refused', message: error.message });
      }
    };
    start().catch((error: unknown) => settle({ status: 'signed-out', message: describe(error) }));

    const renewed = manager.events.addUserLoaded((user) => {
      token.current = user.access_token;
    });
    const renewalFailed = manager.events.addSilentRenewError((error) => {
      void manager.removeUser();
      settle({ status: 'signed-out', message: `Your session could not be renewed (${error.message}): sign in again.` });
    });
    return () => {
      active = false;
      renewed();
      renewalFailed();
    };
  }, [manager, gatewayUrl]);

  const signIn = useCallback(() => {
    manager.signinRedirect().catch((error: unknown) => setSession({ status: 'signed-out', message: describe(error) }));
  }, [manager]);
  const signOut = useCallback(() => {
    // Ends the session at the provider too; its page sends the browser back here.
    manager.signoutRedirect().catch(async () => {
      await manager.removeUser();
      setSession({ status: 'signed-out', message: null });
    });
  }, [manager]);
  const accessToken = useCallback(() => token.current, []);

  return { session, accessToken, signIn, signOut };
}
