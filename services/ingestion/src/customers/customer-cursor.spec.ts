import { decodeCustomerCursor, encodeCustomerCursor, InvalidCursorError } from './customer-cursor';

describe(decodeCustomerCursor.name, () => {
  it('should give back the customer id when a cursor it encoded is decoded', () => {
    for (const id of ['C10001', 'a.b:c-d_e', 'Z'.repeat(64)]) expect(decodeCustomerCursor(encodeCustomerCursor(id))).toBe(id);
  });

  it('should not show the customer id in the cursor when one is encoded', () => {
    expect(encodeCustomerCursor('C10001')).not.toContain('C10001');
  });

  it('should throw an InvalidCursorError when the cursor was not made by encodeCustomerCursor', () => {
    for (const bad of ['', 'C10001', Buffer.from('other:C1').toString('base64url'), encodeCustomerCursor('').slice(0, -1), 'a b']) {
      expect(() => decodeCustomerCursor(bad)).toThrow(InvalidCursorError);
    }
  });
});
