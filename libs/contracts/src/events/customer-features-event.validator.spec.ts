import { parseCustomerFeaturesEvent } from './customer-features.event';
import { FEATURE_NAMES } from '@seg/ml';
import { createFeaturesEventValidator } from './customer-features-event.validator';

const event = {
  customerId: 'C10001',
  features: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i === 14 ? null : i + 0.5])),
  source: 'kafka',
  batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
  updatedAt: '2026-01-31T12:00:00.000Z',
};

/** What the contract's parser does with a value: the event, or the reason it gives. */
const outcome = (parse: (value: unknown) => unknown, value: unknown) => {
  try {
    return { ok: parse(value) };
  } catch (error) {
    return { reason: (error as Error).message };
  }
};

const { BALANCE: _dropped, ...withoutBalance } = event.features;
const variants: [string, unknown][] = [
  ['a valid event', event],
  ['a valid event from a CSV with an extra field', { ...event, source: 'csv', extra: 1 }],
  ['a valid event with an offset time stamp', { ...event, updatedAt: '2026-01-31T13:00:00+01:00' }],
  ['null', null],
  ['an array', [event]],
  ['a string', 'C10001'],
  ['an empty customer id', { ...event, customerId: '' }],
  ['a numeric customer id', { ...event, customerId: 10001 }],
  ['a missing feature', { ...event, features: withoutBalance }],
  ['an unknown feature', { ...event, features: { ...event.features, FOO: 1 } }],
  ['a text feature', { ...event, features: { ...event.features, BALANCE: '1' } }],
  ['features as an array', { ...event, features: [] }],
  ['no features', { ...event, features: null }],
  ['an unknown source', { ...event, source: 'ftp' }],
  ['a batch id that is no uuid', { ...event, batchId: 'batch-1' }],
  ['a time stamp that is no instant', { ...event, updatedAt: 'yesterday' }],
  ['a 30th of February', { ...event, updatedAt: '2026-02-30T12:00:00.000Z' }],
  ['a time stamp without an offset', { ...event, updatedAt: '2026-01-31T12:00:00.000' }],
  ["a valid event with the source's time", { ...event, occurredAt: '2026-01-30T08:15:00.123456+00:00' }],
  ["a source's time with an offset without a colon", { ...event, occurredAt: '2026-01-30T08:15:00+0100' }],
  ["a source's time that is no instant", { ...event, occurredAt: 'last tuesday' }],
  ["a source's time without an offset", { ...event, occurredAt: '2026-01-30T08:15:00' }],
  ["a source's time on a 30th of February", { ...event, occurredAt: '2026-02-30T08:15:00Z' }],
  ["a source's time as a number", { ...event, occurredAt: 1769760900000 }],
  ["a source's time that is null", { ...event, occurredAt: null }],
  ["a source's time in year 0", { ...event, occurredAt: '0000-06-01T12:00:00Z' }],
  ["a source's time 16 hours off UTC", { ...event, occurredAt: '2026-01-30T08:15:00+16:00' }],
  ['a time stamp 16 hours off UTC', { ...event, updatedAt: '2026-01-31T12:00:00+16:00' }],
];

describe(createFeaturesEventValidator.name, () => {
  it.each(variants)('should give what the contract gives when the value is %s', (_, value) => {
    expect(outcome(createFeaturesEventValidator(), value)).toEqual(outcome(parseCustomerFeaturesEvent, value));
  });

  it('should still reject an invalid batch id or time stamp when a valid one came before it', () => {
    const validate = createFeaturesEventValidator();
    expect(validate(event)).toEqual(event);
    expect(outcome(validate, { ...event, batchId: 'batch-1' })).toEqual(
      outcome(parseCustomerFeaturesEvent, { ...event, batchId: 'batch-1' }),
    );
    expect(outcome(validate, { ...event, updatedAt: 'yesterday' })).toEqual(
      outcome(parseCustomerFeaturesEvent, { ...event, updatedAt: 'yesterday' }),
    );
    expect(validate({ ...event, customerId: 'C10002' })).toEqual({ ...event, customerId: 'C10002' });
  });
});
