export * from './local-realm';
export * from './oidc-token-client';
