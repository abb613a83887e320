/**
 * The platform's access roles, each including everything the ones before it may do. The gateway enforces them,
 * the web client hides what a role cannot do, and tokens carry one. No imports: the web client bundles this file.
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
