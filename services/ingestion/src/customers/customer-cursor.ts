/** A `customers(after:)` cursor that cannot be decoded. */
export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`Invalid customers cursor ${JSON.stringify(cursor.slice(0, 80))}: pass an endCursor or edge cursor returned by customers`);
    this.name = 'InvalidCursorError';
  }
}

const PREFIX = 'customer:';

/** Opaque to clients (they only pass it back); the customer id underneath is the keyset position. */
export function encodeCustomerCursor(customerId: string): string {
  return Buffer.from(`${PREFIX}${customerId}`, 'utf8').toString('base64url');
}

export function decodeCustomerCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length) throw new InvalidCursorError(cursor);
  return text.slice(PREFIX.length);
}
