import { AccessTokenError, readSession } from './access-token';

const NOW = 1_800_000_000;

function token(payload: object): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.signature`;
}

describe('readSession', () => {
  it('should read the role, subject and expiry when the token is a JWT with a known role', () => {
    const session = readSession(`Bearer ${token({ role: 'analyst', sub: 'ana', exp: NOW + 60 })} `, NOW);
    expect(session).toEqual({ token: token({ role: 'analyst', sub: 'ana', exp: NOW + 60 }), role: 'analyst', subject: 'ana', expiresAt: NOW + 60 });
  });

  it('should refuse with a sentence when the text is not three dot-separated parts', () => {
    expect(() => readSession('{"role":"admin"}', NOW)).toThrow(new AccessTokenError('This is not an access token: it should be three parts separated by dots, as printed by `npm run token`.'));
  });

  it('should refuse when the role is unknown or missing', () => {
    expect(() => readSession(token({ role: 'root' }), NOW)).toThrow(/no known role/);
    expect(() => readSession(token({ sub: 'x' }), NOW)).toThrow(/no known role/);
  });

  it('should refuse when the token has expired', () => {
    expect(() => readSession(token({ role: 'admin', exp: NOW }), NOW)).toThrow(/expired/);
  });
});
