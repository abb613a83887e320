export * from './keycloak-admin';
export * from './throwaway-realm';
