import { parseModelHealthEvent } from './model-health.event';

const event = {
  modelName: 'customer-segmentation',
  version: '4',
  status: 'alert',
  previousStatus: 'ok',
  signals: { inflow: 'alert', population: 'watch', segmentShares: 'ok', centroids: 'insufficient-data' },
  computedAt: '2026-12-07T03:00:00.000Z',
};

describe(parseModelHealthEvent.name, () => {
  it('should return the event when every field is present and well formed', () => {
    expect(parseModelHealthEvent(event)).toEqual(event);
    expect(parseModelHealthEvent({ ...event, previousStatus: null })).toEqual({ ...event, previousStatus: null });
  });

  it('should throw naming the field when a status is not a drift status', () => {
    expect(() => parseModelHealthEvent({ ...event, status: 'red' })).toThrow(/status/);
    expect(() => parseModelHealthEvent({ ...event, signals: { ...event.signals, inflow: 'fine' } })).toThrow(/inflow/);
  });

  it('should throw when the version is not a number or the time is missing', () => {
    expect(() => parseModelHealthEvent({ ...event, version: 'v4' })).toThrow(/version/);
    const { computedAt: _dropped, ...withoutTime } = event;
    expect(() => parseModelHealthEvent(withoutTime)).toThrow(/computedAt/);
  });
});
