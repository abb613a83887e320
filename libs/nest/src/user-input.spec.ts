import { UserInputError, UserInputErrorFilter, withBadUserInput } from './user-input';

class CursorError extends Error {
  readonly field = 'after';
}
class PlainMistake extends Error {}

describe(UserInputErrorFilter.name, () => {
  it('should report BAD_USER_INPUT with the field when the error names one', () => {
    const graphqlError = new UserInputErrorFilter().catch(new UserInputError('first must be ≤ 500', 'first'));
    expect(graphqlError.message).toBe('first must be ≤ 500');
    expect(graphqlError.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('should leave the field out when the error names none', () => {
    expect(new UserInputErrorFilter().catch(new UserInputError('bad')).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});

describe('withBadUserInput', () => {
  it('should turn a listed error into a UserInputError keeping its message and field', async () => {
    const failure = withBadUserInput(() => Promise.reject(new CursorError('cursor is not valid')), CursorError);
    await expect(failure).rejects.toEqual(expect.objectContaining({ name: 'UserInputError', message: 'cursor is not valid', field: 'after' }));
  });

  it('should let other errors through unchanged', async () => {
    const fault = new Error('connection lost');
    await expect(withBadUserInput(() => Promise.reject(fault), PlainMistake)).rejects.toBe(fault);
  });

  it('should return the result when nothing fails', async () => {
    await expect(withBadUserInput(() => Promise.resolve(42), PlainMistake)).resolves.toBe(42);
  });
});
