import { EraseCustomersCommand, MAX_ERASURES_PER_CALL } from './erase-customers.command';

describe(EraseCustomersCommand.name, () => {
  it('should keep each id once, trimmed, and the trimmed reason when the request is valid', () => {
    const command = new EraseCustomersCommand([' C1', 'C2', 'C1 '], '  ticket 42 ', 'alice');
    expect(command.customerIds).toEqual(['C1', 'C2']);
    expect(command.reason).toBe('ticket 42');
  });

  it('should refuse a request without a reason, without ids, with too many ids or with an id that cannot exist', () => {
    expect(() => new EraseCustomersCommand(['C1'], '  ', 'alice')).toThrow('needs a reason');
    expect(() => new EraseCustomersCommand([], 'ticket', 'alice')).toThrow('No customer id');
    expect(
      () =>
        new EraseCustomersCommand(
          Array.from({ length: MAX_ERASURES_PER_CALL + 1 }, (_, i) => `C${i}`),
          'ticket',
          'alice',
        ),
    ).toThrow('At most');
    expect(() => new EraseCustomersCommand(['C1', 'a\tb'], 'ticket', 'alice')).toThrow('Not a customer id');
    expect(() => new EraseCustomersCommand(['x'.repeat(65)], 'ticket', 'alice')).toThrow('Not a customer id');
  });
});
