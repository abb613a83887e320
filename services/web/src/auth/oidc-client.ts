import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AuthConfig } from '../config/runtime-config';
import { pageAddress } from './oidc-callback';

type OidcAuth = Extract<AuthConfig, { mode: 'oidc' }>;

/**
 * Authorization Code with PKCE (oidc-client-ts always sends a S256 challenge), tokens in sessionStorage (gone with the
 * tab), renewed with the refresh token before they expire. The page comes back to its own address, `?gateway=` kept.
 */
export function createUserManager(auth: OidcAuth, href: string): UserManager {
  const address = pageAddress(href);
  return new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    scope: auth.scope,
    response_type: 'code',
    redirect_uri: address,
    post_logout_redirect_uri: address,
    automaticSilentRenew: true,
    // Renew a minute before expiry: a request in flight never carries a token about to lapse.
    accessTokenExpiringNotificationTimeInSeconds: 60,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}
