import { requestUserId, UNKNOWN_USER } from './request-user';

describe(requestUserId.name, () => {
  it('should return the trimmed x-user-id header when the gateway sets one', () => {
    expect(requestUserId({ 'x-user-id': '  analyst@bank.example ' })).toBe('analyst@bank.example');
    expect(requestUserId({ 'x-user-id': ['first', 'second'] })).toBe('first');
  });

  it('should return unknown when the header is missing or blank', () => {
    expect(requestUserId({})).toBe(UNKNOWN_USER);
    expect(requestUserId({ 'x-user-id': '   ' })).toBe(UNKNOWN_USER);
  });

  it('should cut an overlong id to 200 characters when one is sent', () => {
    expect(requestUserId({ 'x-user-id': 'u'.repeat(500) })).toHaveLength(200);
  });
});
