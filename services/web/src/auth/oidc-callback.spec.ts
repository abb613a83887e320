import { isSignInCallback, isSignOutCallback, pageAddress } from './oidc-callback';

describe(pageAddress.name, () => {
  it("should drop the provider's answer and keep the page's own parameters", () => {
    expect(pageAddress('http://127.0.0.1:8080/?gateway=http%3A%2F%2F127.0.0.1%3A4999%2Fgraphql&code=abc&state=xyz&session_state=s&iss=http%3A%2F%2Fidp')).toBe(
      'http://127.0.0.1:8080/?gateway=http%3A%2F%2F127.0.0.1%3A4999%2Fgraphql',
    );
    expect(pageAddress('http://127.0.0.1:8080/?error=access_denied&state=xyz')).toBe('http://127.0.0.1:8080/');
  });
});

describe(isSignInCallback.name, () => {
  it('should tell the way back from the provider, with a code or an error, from an ordinary load', () => {
    expect(isSignInCallback('http://127.0.0.1:8080/?code=abc&state=xyz')).toBe(true);
    expect(isSignInCallback('http://127.0.0.1:8080/?error=access_denied&state=xyz')).toBe(true);
    expect(isSignInCallback('http://127.0.0.1:8080/?gateway=x')).toBe(false);
    expect(isSignInCallback('http://127.0.0.1:8080/?code=abc')).toBe(false);
  });

  it('should tell the way back from signing out (the state alone)', () => {
    expect(isSignOutCallback('http://127.0.0.1:8080/?state=xyz')).toBe(true);
    expect(isSignOutCallback('http://127.0.0.1:8080/?code=abc&state=xyz')).toBe(false);
    expect(isSignOutCallback('http://127.0.0.1:8080/')).toBe(false);
  });
});
