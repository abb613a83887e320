import { MAX_ERASURE_REASON_LENGTH, parseCustomerErasedEvent } from './customer-erased.event';

describe(parseCustomerErasedEvent.name, () => {
  const event = { customerId: 'C10001', reason: 'GDPR art. 17 request #42', erasedAt: '2026-12-07T10:00:00Z', erasedBy: 'alice' };

  it('should accept an erasure with its reason, time and author when all are given', () => {
    expect(parseCustomerErasedEvent(event)).toEqual(event);
  });

  it('should refuse an erasure without a reason or with a blank or overlong one', () => {
    expect(() => parseCustomerErasedEvent({ ...event, reason: undefined })).toThrow();
    expect(() => parseCustomerErasedEvent({ ...event, reason: '   ' })).toThrow();
    expect(() => parseCustomerErasedEvent({ ...event, reason: 'x'.repeat(MAX_ERASURE_REASON_LENGTH + 1) })).toThrow();
  });

  it('should refuse a tombstone (null) and an erasure without a customer', () => {
    expect(() => parseCustomerErasedEvent(null)).toThrow();
    expect(() => parseCustomerErasedEvent({ ...event, customerId: '' })).toThrow();
  });
});
