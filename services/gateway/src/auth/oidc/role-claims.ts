import type { JWTPayload } from 'jose';
import { ROLES, type Role } from '../roles';

/** Which names in the token's role claim stand for which platform role (each a list: groups, app roles, realm roles). */
export type RoleNames = Readonly<Record<Role, readonly string[]>>;

export interface RoleMapping {
  /** Where the names are: a claim, or a dotted path into nested claims (`realm_access.roles`). */
  readonly claim: string;
  readonly names: RoleNames;
  /** A token with none of the names: refused (403), or a viewer. */
  readonly withoutRole: 'refuse' | 'viewer';
}

/**
 * The value at a claim path: the claim of that exact name first (Auth0's namespaced claims such as
 * `https://example.com/roles` contain dots), else the dotted path into nested objects.
 */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The names a claim holds: an array of strings, or one string (Okta and others send a single group as a string). */
function namesIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The highest platform role the token's claim grants, or null when it grants none. */
export function roleOf(payload: JWTPayload, mapping: RoleMapping): Role | null {
  const held = new Set(namesIn(claimAt(payload, mapping.claim)));
  for (const role of [...ROLES].reverse()) {
    if (mapping.names[role].some((name) => held.has(name))) return role;
  }
  return mapping.withoutRole === 'viewer' ? 'viewer' : null;
}

/** The sentence a caller without a role reads, naming what would grant one. */
export function missingRoleMessage(mapping: RoleMapping): string {
  const names = ROLES.map((role) => `${role}: ${mapping.names[role].join(' or ')}`).join('; ');
  return `Forbidden: the access token's "${mapping.claim}" claim holds none of the platform's roles (${names})`;
}
