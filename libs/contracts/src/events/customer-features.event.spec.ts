import { FEATURE_NAMES } from '@seg/ml';
import { parseCustomerFeaturesEvent } from './customer-features.event';

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
});
