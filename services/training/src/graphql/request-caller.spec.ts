import { requestCaller, UNKNOWN_CALLER } from './request-caller';

describe(requestCaller.name, () => {
  it("should take the gateway's verified caller id, trimmed, the first of repeated headers", () => {
    expect(requestCaller({ 'x-user-id': '  admin@bank.example ' })).toEqual({ id: 'admin@bank.example' });
    expect(requestCaller({ 'x-user-id': ['first', 'second'] })).toEqual({ id: 'first' });
  });

  it('should record unknown when the header is missing or blank, and cut an overlong id', () => {
    expect(requestCaller({})).toEqual({ id: UNKNOWN_CALLER });
    expect(requestCaller({ 'x-user-id': '  ' })).toEqual({ id: UNKNOWN_CALLER });
    expect(requestCaller({ 'x-user-id': 'u'.repeat(500) }).id).toHaveLength(200);
  });
});
