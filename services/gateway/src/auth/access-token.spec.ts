import { SignJWT } from 'jose';
import { AccessTokenError, bearerToken, signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'unit-test-secret-of-at-least-32-characters';

describe('access tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('should give back the subject and role when a signed token is verified with the same secret', async () => {
    const token = await signAccessToken({ sub: 'alice', role: 'analyst' }, SECRET, '1h');

    await expect(verifyAccessToken(token, SECRET)).resolves.toEqual({ sub: 'alice', role: 'analyst' });
  });

  it('should refuse a token as expired when its ttl has passed', async () => {
    const token = await signAccessToken({ sub: 'alice', role: 'admin' }, SECRET, '1h');
    jest.useFakeTimers({ now: Date.now() + 61 * 60_000 });

    await expect(verifyAccessToken(token, SECRET)).rejects.toThrow(new AccessTokenError('access token expired'));
  });

  it('should refuse a token when it was signed with another secret', async () => {
    const token = await signAccessToken({ sub: 'alice', role: 'admin' }, 'another-secret-of-at-least-32-characters', '1h');

    await expect(verifyAccessToken(token, SECRET)).rejects.toThrow(/^access token invalid: signature verification failed/);
  });

  it('should refuse a token when its role is not a known one or it has no expiry', async () => {
    const key = new TextEncoder().encode(SECRET);
    const owner = await new SignJWT({ role: 'owner' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setExpirationTime('1h').sign(key);
    const forever = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').sign(key);

    await expect(verifyAccessToken(owner, SECRET)).rejects.toThrow('access token invalid: role must be one of viewer, analyst, admin');
    await expect(verifyAccessToken(forever, SECRET)).rejects.toThrow(/^access token invalid: .*"exp"/);
  });

  it('should refuse an unsigned token (alg none) when verified', async () => {
    const [, payload] = (await signAccessToken({ sub: 'alice', role: 'viewer' }, SECRET, '1h')).split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;

    await expect(verifyAccessToken(unsigned, SECRET)).rejects.toThrow(AccessTokenError);
  });

  it('should refuse to sign when the role is unknown', async () => {
    await expect(signAccessToken({ sub: 'alice', role: 'root' as never }, SECRET, '1h')).rejects.toThrow("role must be one of viewer, analyst, admin, got 'root'");
  });
});

describe('bearerToken', () => {
  it('should read the token when the header is "Bearer <token>" in any case', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
  });

  it('should find no token when the header is missing or another scheme', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer ')).toBeUndefined();
  });
});
