import { hasRole, isRole, ROLES } from './roles';

describe(hasRole.name, () => {
  it('should let a higher role do what a lower one may, and not the reverse', () => {
    expect(hasRole('admin', 'analyst')).toBe(true);
    expect(hasRole('analyst', 'analyst')).toBe(true);
    expect(hasRole('viewer', 'analyst')).toBe(false);
  });
});

describe(isRole.name, () => {
  it('should accept exactly the three roles, in their order from least to most', () => {
    expect(ROLES).toEqual(['viewer', 'analyst', 'admin']);
    expect(ROLES.every(isRole)).toBe(true);
    expect([undefined, 'Admin', 'root', 3].some(isRole)).toBe(false);
  });
});
