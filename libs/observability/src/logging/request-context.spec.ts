import { requestIdOf } from './request-context';

describe('requestIdOf', () => {
  it('should keep the caller’s request id when it is well formed', () => {
    expect(requestIdOf('web-3f9a1c07:42')).toBe('web-3f9a1c07:42');
  });

  it('should make a new id when the caller’s is missing, repeated, too long or could forge a log line', () => {
    for (const incoming of [undefined, ['a', 'b'], 'x'.repeat(129), 'id\nlevel=error', 'two words']) {
      expect(requestIdOf(incoming)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
