import { parseCustomerFeaturesEvent } from '@seg/contracts';
import { FEATURE_NAMES } from '@seg/ml';
import { buildCustomerFeaturesEvent } from './customer-features-event.builder';

describe(buildCustomerFeaturesEvent.name, () => {
  const stamp = { source: 'csv' as const, batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10', updatedAt: new Date('2026-01-31T12:00:00Z') };

  it('should list every feature by CSV name with null for a missing one when a customer is published', () => {
    const event = buildCustomerFeaturesEvent({ customerId: 'C1', features: { BALANCE: 40.9, MINIMUM_PAYMENTS: null } }, stamp);

    expect(Object.keys(event.features)).toEqual(FEATURE_NAMES);
    expect(event.features).toMatchObject({ BALANCE: 40.9, MINIMUM_PAYMENTS: null, TENURE: null });
    expect(event).toMatchObject({ customerId: 'C1', source: 'csv', batchId: stamp.batchId, updatedAt: '2026-01-31T12:00:00.000Z' });
  });

  it('should produce a value the features-topic contract accepts when built', () => {
    const features = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 1]));
    const event = buildCustomerFeaturesEvent({ customerId: 'C2', features }, stamp);
    expect(parseCustomerFeaturesEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });
});
