/**
 * The local realm (scripts/stack/keycloak/segmentation-realm.json) as the stack's Keycloak serves it: development
 * values, not secrets, the same in the realm file, `npm run demo -- --oidc`, the tests and the READMEs.
 */
export const LOCAL_REALM = {
  name: 'segmentation',
  audience: 'segmentation-gateway',
  webClientId: 'segmentation-web',
  /** Client credentials, role analyst: a system that predicts. */
  machineClient: { clientId: 'segmentation-machine', clientSecret: 'local-development-machine-secret' },
  /** Client credentials, role admin: automation that trains and promotes. */
  operatorClient: { clientId: 'segmentation-operator', clientSecret: 'local-development-operator-secret' },
  /** One user per role, each signing in with `password`. */
  users: { viewer: 'vera', analyst: 'alan', admin: 'ada' },
  password: 'segmentation',
} as const;

/** The local Keycloak's address from the stack's settings (KEYCLOAK_HOST, KEYCLOAK_PORT). */
export function localKeycloakUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://${env.KEYCLOAK_HOST || '127.0.0.1'}:${env.KEYCLOAK_PORT || '8180'}`;
}

/** The issuer of a realm on a Keycloak: `<base>/realms/<name>`. */
export function realmIssuer(baseUrl: string, realm: string = LOCAL_REALM.name): string {
  return `${baseUrl}/realms/${realm}`;
}
