import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('should explain an expired or missing sign-in when the gateway answers UNAUTHENTICATED', () => {
    const error = new CombinedGraphQLErrors({ errors: [{ message: 'Unauthenticated: send a token', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(errorMessage(error)).toBe('Your sign-in is no longer valid: sign out and sign in again.');
  });

  it('should keep the server sentence after a prefix when the input was refused, and say each sentence once', () => {
    const refused = { message: 'tenure must be at least 1', extensions: { code: 'BAD_USER_INPUT' } };
    const error = new CombinedGraphQLErrors({ errors: [refused, refused] });
    expect(errorMessage(error)).toBe('The server did not accept the input: tenure must be at least 1');
  });

  it('should say the role is not allowed when the HTTP status is 403, without the response body', () => {
    const error = new ServerError('Response not successful', { response: new Response('{"errors":[]}', { status: 403 }), bodyText: '{"errors":[]}' });
    expect(errorMessage(error)).toBe('Your role is not allowed to do this.');
    expect(errorMessage(error)).not.toContain('{');
  });

  it('should say the gateway cannot be reached when fetch fails', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/^The gateway cannot be reached/);
  });
});
