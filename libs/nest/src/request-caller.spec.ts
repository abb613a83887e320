import { encodeUserName, USER_ID_HEADER, USER_NAME_HEADER } from '@seg/contracts';
import { requestCaller, UNKNOWN_CALLER } from './request-caller';

describe(requestCaller.name, () => {
  it('should return the trimmed x-user-id and the decoded x-user-name when the gateway sets them', () => {
    expect(requestCaller({ [USER_ID_HEADER]: '  4f1c-77 ', [USER_NAME_HEADER]: encodeUserName('José Müller') })).toEqual({ id: '4f1c-77', name: 'José Müller' });
    expect(requestCaller({ [USER_ID_HEADER]: ['first', 'second'], [USER_NAME_HEADER]: ['ana', 'bob'] })).toEqual({ id: 'first', name: 'ana' });
  });

  it('should use the id as the name when no name is sent', () => {
    expect(requestCaller({ [USER_ID_HEADER]: 'analyst@bank.example' })).toEqual({ id: 'analyst@bank.example', name: 'analyst@bank.example' });
    expect(requestCaller({ [USER_ID_HEADER]: 'svc', [USER_NAME_HEADER]: '  ' })).toEqual({ id: 'svc', name: 'svc' });
  });

  it('should take a name that is not valid percent-encoding as it is', () => {
    expect(requestCaller({ [USER_ID_HEADER]: 'u1', [USER_NAME_HEADER]: '100%' })).toEqual({ id: 'u1', name: '100%' });
  });

  it('should return the unknown caller when the id is missing or blank, whatever the name', () => {
    expect(requestCaller({})).toBe(UNKNOWN_CALLER);
    expect(requestCaller({ [USER_ID_HEADER]: '   ', [USER_NAME_HEADER]: 'mallory' })).toBe(UNKNOWN_CALLER);
  });

  it('should cut an overlong id or name to 200 characters when one is sent', () => {
    const caller = requestCaller({ [USER_ID_HEADER]: 'u'.repeat(500), [USER_NAME_HEADER]: 'n'.repeat(500) });
    expect([caller.id.length, caller.name.length]).toEqual([200, 200]);
  });
});
