import { SignJWT } from 'jose';
import { AccessTokenError } from './access-errors';
import { bearerToken, signAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'unit-test-secret-of-at-least-32-characters';
const POLICY = { maxTtlSeconds: 86_400, clockSkewSeconds: 60 };

describe('access tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('should give back the subject and role, the subject standing in for the name, when a signed token is verified with the same secret', async () => {
    const token = await signAccessToken({ sub: 'alice', role: 'analyst' }, SECRET, 3_600);

    await expect(verifyAccessToken(token, SECRET, POLICY)).resolves.toEqual({ sub: 'alice', name: 'alice', role: 'analyst' });
  });

  it('should give back the name when the token was signed with one', async () => {
    const token = await signAccessToken({ sub: 'u-17', name: 'Alice Analyst', role: 'analyst' }, SECRET, 3_600);

    await expect(verifyAccessToken(token, SECRET, POLICY)).resolves.toEqual({ sub: 'u-17', name: 'Alice Analyst', role: 'analyst' });
  });

  it('should refuse a token as expired when its ttl has passed', async () => {
    const token = await signAccessToken({ sub: 'alice', role: 'admin' }, SECRET, 3_600);
    jest.useFakeTimers({ now: Date.now() + 61 * 60_000 });

    await expect(verifyAccessToken(token, SECRET, POLICY)).rejects.toThrow(new AccessTokenError('access token expired'));
  });

  it('should refuse a token when it was signed with another secret', async () => {
    const token = await signAccessToken({ sub: 'alice', role: 'admin' }, 'another-secret-of-at-least-32-characters', 3_600);

    await expect(verifyAccessToken(token, SECRET, POLICY)).rejects.toThrow(/^access token invalid: signature verification failed/);
  });

  it('should refuse a token when its role is not a known one or it has no expiry', async () => {
    const key = new TextEncoder().encode(SECRET);
    const owner = await new SignJWT({ role: 'owner' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuedAt().setExpirationTime('1h').sign(key);
    const forever = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuedAt().sign(key);

    await expect(verifyAccessToken(owner, SECRET, POLICY)).rejects.toThrow('access token invalid: role must be one of viewer, analyst, admin');
    await expect(verifyAccessToken(forever, SECRET, POLICY)).rejects.toThrow(/^access token invalid: .*"exp"/);
  });

  describe('lifetime', () => {
    const key = new TextEncoder().encode(SECRET);
    const now = () => Math.floor(Date.now() / 1000);
    const sign = (claims: { iat?: number; exp: number }) => {
      const jwt = new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setExpirationTime(claims.exp);
      return (claims.iat === undefined ? jwt : jwt.setIssuedAt(claims.iat)).sign(key);
    };

    it('should refuse a token that expires in 2100 when the maximum lifetime is 24h', async () => {
      const token = await sign({ iat: now(), exp: Date.UTC(2100, 0, 1) / 1000 });

      await expect(verifyAccessToken(token, SECRET, POLICY)).rejects.toThrow(/^access token invalid: lifetime of \d+d exceeds the maximum of 24h$/);
    });

    it('should refuse a token issued a year ahead, and accept one issued within the clock skew', async () => {
      const yearAhead = now() + 365 * 86_400;
      const ahead = await sign({ iat: yearAhead, exp: yearAhead + 3_600 });
      const skewed = await sign({ iat: now() + 30, exp: now() + 3_600 });

      await expect(verifyAccessToken(ahead, SECRET, POLICY)).rejects.toThrow(/^access token invalid: issued \d+d in the future$/);
      await expect(verifyAccessToken(skewed, SECRET, POLICY)).resolves.toEqual({ sub: 'mallory', name: 'mallory', role: 'admin' });
    });

    it('should refuse a token without iat, whose lifetime cannot be told', async () => {
      const token = await sign({ exp: now() + 3_600 });

      await expect(verifyAccessToken(token, SECRET, POLICY)).rejects.toThrow(/^access token invalid: .*"iat"/);
    });

    it('should accept a token of exactly the maximum lifetime and refuse one second more', async () => {
      const iat = now();

      await expect(verifyAccessToken(await sign({ iat, exp: iat + 86_400 }), SECRET, POLICY)).resolves.toEqual({ sub: 'mallory', name: 'mallory', role: 'admin' });
      await expect(verifyAccessToken(await sign({ iat, exp: iat + 86_401 }), SECRET, POLICY)).rejects.toThrow(/lifetime of 86401s exceeds the maximum of 24h/);
    });
  });

  it('should refuse an unsigned token (alg none) when verified', async () => {
    const [, payload] = (await signAccessToken({ sub: 'alice', role: 'viewer' }, SECRET, 3_600)).split('.');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;

    await expect(verifyAccessToken(unsigned, SECRET, POLICY)).rejects.toThrow(AccessTokenError);
  });

  it('should refuse to sign when the role is unknown', async () => {
    await expect(signAccessToken({ sub: 'alice', role: 'root' as never }, SECRET, 3_600)).rejects.toThrow("role must be one of viewer, analyst, admin, got 'root'");
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
