import { FEATURE_NAMES } from '@seg/ml';
import { featuresEventTime, parseCustomerFeaturesEvent } from './customer-features.event';

const event = {
  customerId: 'C10001',
  features: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i === 14 ? null : i])),
  source: 'csv',
  batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
  updatedAt: '2026-01-31T12:00:00.000Z',
};

describe(parseCustomerFeaturesEvent.name, () => {
  it('should return the event when every feature is a number or null', () => {
    expect(parseCustomerFeaturesEvent(event)).toEqual(event);
  });

  it('should throw naming the feature when one is missing or unknown', () => {
    const { BALANCE: _dropped, ...withoutBalance } = event.features;
    expect(() => parseCustomerFeaturesEvent({ ...event, features: withoutBalance })).toThrow(/BALANCE/);
    expect(() => parseCustomerFeaturesEvent({ ...event, features: { ...event.features, FOO: 1 } })).toThrow(/FOO/);
  });

  it('should throw when the source or the time stamp is not one of the allowed forms', () => {
    expect(() => parseCustomerFeaturesEvent({ ...event, source: 'ftp' })).toThrow(/source/);
    expect(() => parseCustomerFeaturesEvent({ ...event, updatedAt: 'yesterday' })).toThrow(/updatedAt/);
  });

  it('should throw when a time is one PostgreSQL would refuse, so it reaches the DLQ instead of failing a batch', () => {
    expect(() => parseCustomerFeaturesEvent({ ...event, occurredAt: '0000-06-01T12:00:00Z' })).toThrow(/occurredAt.*PostgreSQL can store|PostgreSQL can store[\s\S]*occurredAt/);
    expect(() => parseCustomerFeaturesEvent({ ...event, updatedAt: '2026-01-31T12:00:00-16:30' })).toThrow(/PostgreSQL can store/);
    expect(parseCustomerFeaturesEvent({ ...event, occurredAt: '2024-02-29T23:00:00-15:00' }).occurredAt).toBe('2024-02-29T23:00:00-15:00');
  });
});

describe(featuresEventTime.name, () => {
  it("should be the source's time when the event carries one", () => {
    expect(parseCustomerFeaturesEvent({ ...event, occurredAt: '2025-12-24T18:00:00+01:00' }).occurredAt).toBe('2025-12-24T18:00:00+01:00');
    expect(featuresEventTime({ ...event, occurredAt: '2025-12-24T18:00:00+01:00' })).toBe('2025-12-24T18:00:00+01:00');
  });

  it('should be the write time when the record was written before occurredAt existed', () => {
    expect(featuresEventTime(parseCustomerFeaturesEvent(event))).toBe(event.updatedAt);
  });
});
