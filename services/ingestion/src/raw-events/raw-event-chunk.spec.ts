import type { ConsumedRecord } from '@seg/kafka';
import { FEATURE_NAMES } from '@seg/ml';
import { rawEventsToChunk, RawEventValidationError, rawEventValidator, validateRawEvent, type ValidRawEvent } from './raw-event-chunk';

const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 1]));
const event = (customerId: string, overrides: Record<string, unknown> = {}, occurredAt = '2026-01-31T12:00:00Z') => ({
  customerId,
  occurredAt,
  features: { ...features, ...overrides },
});

function record(offset: number, value: ValidRawEvent): ConsumedRecord<ValidRawEvent> {
  return { topic: 't.v1', partition: 0, offset: String(offset), key: value.event.customerId, value, headers: {}, timestamp: '0' };
}

describe(validateRawEvent.name, () => {
  it('should return the event with its warnings when it is valid', () => {
    const valid = validateRawEvent(event('C1', { CASH_ADVANCE_FREQUENCY: 1.25 }));
    expect(valid.event.features.CASH_ADVANCE_FREQUENCY).toBe(1);
    expect(valid.warnings).toEqual([expect.objectContaining({ column: 'CASH_ADVANCE_FREQUENCY', kind: 'clamped' })]);
  });

  it('should throw every reason when the event is invalid', () => {
    expect(() => validateRawEvent(event('C1', { BALANCE: -1, PURCHASES_FREQUENCY: 1.7 }))).toThrow(
      new RawEventValidationError(['BALANCE: -1 is below the minimum 0', 'PURCHASES_FREQUENCY: 1.7 is above the maximum 1']),
    );
  });
});

describe(rawEventValidator.name, () => {
  it("should refuse an event dated further ahead than allowed, which would make the customer's later updates stale", () => {
    const validate = rawEventValidator(60_000, () => Date.parse('2026-01-31T12:00:00Z'));
    expect(validate(event('C1', {}, '2026-01-31T12:01:00Z')).event.customerId).toBe('C1');
    expect(() => validate(event('C1', {}, '2027-01-31T12:00:00Z'))).toThrow(/^occurredAt: 2027-01-31T12:00:00Z is 31536000 s ahead of this service's clock/);
    expect(() => validate(event('C1', { BALANCE: -1 }, '2027-01-31T12:00:00Z'))).toThrow('BALANCE: -1 is below the minimum 0');
  });
});

describe(rawEventsToChunk.name, () => {
  it('should keep the latest event of a customer and count every record read when a batch repeats a customer', () => {
    const chunk = rawEventsToChunk([
      record(0, validateRawEvent(event('C1', { BALANCE: 1 }))),
      record(1, validateRawEvent(event('C2', { CASH_ADVANCE_FREQUENCY: 1.1 }))),
      record(2, validateRawEvent(event('C1', { BALANCE: 3 }))),
    ]);

    expect(chunk.read).toBe(3);
    expect(chunk.accepted.map((c) => [c.customerId, c.features.BALANCE])).toEqual([
      ['C1', 3],
      ['C2', 1],
    ]);
    expect(chunk.stale).toBe(0);
    expect(chunk.rejected).toEqual([]);
    expect(chunk.warnings).toEqual([expect.objectContaining({ line: null, customerId: 'C2', column: 'CASH_ADVANCE_FREQUENCY' })]);
  });

  it('should keep the event that occurred last, not the last one read, and count the older ones that came after it as stale', () => {
    const chunk = rawEventsToChunk([
      record(0, validateRawEvent(event('C1', { BALANCE: 1 }, '2026-03-01T00:00:00Z'))),
      record(1, validateRawEvent(event('C1', { BALANCE: 2 }, '2020-01-01T00:00:00Z'))),
      record(2, validateRawEvent(event('C2', { BALANCE: 3 }, '2026-01-01T00:00:00.000100Z'))),
      record(3, validateRawEvent(event('C2', { BALANCE: 4, CASH_ADVANCE_FREQUENCY: 1.1 }, '2026-01-01T00:00:00.000200Z'))),
      record(4, validateRawEvent(event('C1', { BALANCE: 5 }, '2026-03-01T01:00:00+01:00'))),
    ]);
    expect(chunk.accepted.map((c) => [c.customerId, c.features.BALANCE, c.occurredAt])).toEqual([
      ['C1', 5, '2026-03-01T01:00:00+01:00'],
      ['C2', 4, '2026-01-01T00:00:00.000200Z'],
    ]);
    expect(chunk.stale).toBe(1);
    expect(chunk.warnings).toEqual([expect.objectContaining({ customerId: 'C2', column: 'CASH_ADVANCE_FREQUENCY' })]);
  });
});
