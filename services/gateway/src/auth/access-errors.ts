/** Why a token was refused (HTTP 401); the message is one line, safe to show the caller. */
export class AccessTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

/** A valid token whose caller has none of the platform's roles (HTTP 403). */
export class AccessRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessRoleError';
  }
}

/** The identity provider's keys were never fetched, so no token can be checked yet (HTTP 503). */
export class IdentityProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityProviderUnavailableError';
  }
}
