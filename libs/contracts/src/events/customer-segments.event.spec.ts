import { parseCustomerSegmentsEvent } from './customer-segments.event';

const event = {
  customerId: 'C10001',
  segmentId: 'revolvers',
  modelVersion: '3',
  pca: { x: -1.25, y: 0.5 },
  distance: 1.75,
  scoredAt: '2026-01-31T12:00:00.000Z',
};

describe(parseCustomerSegmentsEvent.name, () => {
  it('should return the event when every field is present and well formed', () => {
    expect(parseCustomerSegmentsEvent(event)).toEqual(event);
  });

  it('should throw naming the field when the model version is not a number or the PCA position is incomplete', () => {
    expect(() => parseCustomerSegmentsEvent({ ...event, modelVersion: 'v3' })).toThrow(/modelVersion/);
    expect(() => parseCustomerSegmentsEvent({ ...event, pca: { x: 1 } })).toThrow(/pca/);
  });
});
