import { claimAt, missingRoleMessage, roleOf, type RoleMapping } from './role-claims';

const MAPPING: RoleMapping = {
  claim: 'roles',
  names: { viewer: ['segmentation-viewer'], analyst: ['segmentation-analyst', 'Analysts'], admin: ['segmentation-admin'] },
  withoutRole: 'refuse',
};

describe(claimAt.name, () => {
  it('should follow a dotted path into nested claims', () => {
    expect(claimAt({ realm_access: { roles: ['a', 'b'] } }, 'realm_access.roles')).toEqual(['a', 'b']);
    expect(claimAt({ resource_access: { web: { roles: ['x'] } } }, 'resource_access.web.roles')).toEqual(['x']);
  });

  it('should prefer a claim whose own name has dots (an Auth0 namespaced claim)', () => {
    expect(claimAt({ 'https://seg.example/roles': ['admin'] }, 'https://seg.example/roles')).toEqual(['admin']);
  });

  it('should find nothing when a step is missing or not an object, nor on the prototype', () => {
    expect(claimAt({ realm_access: 'roles' }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({}, 'groups')).toBeUndefined();
    expect(claimAt({ a: {} }, 'a.constructor')).toBeUndefined();
  });
});

describe(roleOf.name, () => {
  it('should give the highest role whose name the claim holds', () => {
    expect(roleOf({ roles: ['offline_access', 'segmentation-viewer', 'segmentation-admin'] }, MAPPING)).toBe('admin');
    expect(roleOf({ roles: ['Analysts'] }, MAPPING)).toBe('analyst');
  });

  it('should read a single name given as a string (Okta sends one group so)', () => {
    expect(roleOf({ roles: 'segmentation-analyst' }, MAPPING)).toBe('analyst');
  });

  it('should compare names exactly: no case folding, no prefix match', () => {
    expect(roleOf({ roles: ['SEGMENTATION-ADMIN', 'segmentation-admins'] }, MAPPING)).toBeNull();
  });

  it('should refuse (null) a token without any mapped name by default, and make it a viewer when so configured', () => {
    expect(roleOf({ roles: ['uma_authorization'] }, MAPPING)).toBeNull();
    expect(roleOf({}, MAPPING)).toBeNull();
    expect(roleOf({ roles: [42, null] }, MAPPING)).toBeNull();
    expect(roleOf({}, { ...MAPPING, withoutRole: 'viewer' })).toBe('viewer');
  });

  it('should read the role from another claim path when the mapping names it', () => {
    expect(roleOf({ groups: ['/segmentation-admins'] }, { ...MAPPING, claim: 'groups', names: { ...MAPPING.names, admin: ['/segmentation-admins'] } })).toBe('admin');
  });
});

describe(missingRoleMessage.name, () => {
  it('should name the claim and every name that grants a role', () => {
    expect(missingRoleMessage(MAPPING)).toBe(
      `Forbidden: the access token's "roles" claim holds none of the platform's roles (viewer: segmentation-viewer; analyst: segmentation-analyst or Analysts; admin: segmentation-admin)`,
    );
  });
});
