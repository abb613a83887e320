import { encodeUserName } from '@seg/contracts';
import { requestCaller, UNKNOWN_CALLER } from './request-caller';

describe(requestCaller.name, () => {
  it('should return the trimmed x-user-id and the decoded x-user-name when the gateway sets them', () => {
    expect(requestCaller({ 'x-user-id': '  4f1c-77 ', 'x-user-name': encodeUserName('José Müller') })).toEqual({ id: '4f1c-77', name: 'José Müller' });
    expect(requestCaller({ 'x-user-id': ['first', 'second'], 'x-user-name': ['ana', 'bob'] })).toEqual({ id: 'first', name: 'ana' });
  });

  it('should use the id as the name when no name is sent', () => {
    expect(requestCaller({ 'x-user-id': 'analyst@bank.example' })).toEqual({ id: 'analyst@bank.example', name: 'analyst@bank.example' });
    expect(requestCaller({ 'x-user-id': 'svc', 'x-user-name': '  ' })).toEqual({ id: 'svc', name: 'svc' });
  });

  it('should take a name that is not valid percent-encoding as it is', () => {
    expect(requestCaller({ 'x-user-id': 'u1', 'x-user-name': '100%' })).toEqual({ id: 'u1', name: '100%' });
  });

  it('should return the unknown caller when the id is missing or blank, whatever the name', () => {
    expect(requestCaller({})).toBe(UNKNOWN_CALLER);
    expect(requestCaller({ 'x-user-id': '   ', 'x-user-name': 'mallory' })).toBe(UNKNOWN_CALLER);
  });

  it('should cut an overlong id or name to 200 characters when one is sent', () => {
    const caller = requestCaller({ 'x-user-id': 'u'.repeat(500), 'x-user-name': 'n'.repeat(500) });
    expect([caller.id.length, caller.name.length]).toEqual([200, 200]);
  });
});
