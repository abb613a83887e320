import { parseModelPromotedEvent } from './model-promoted.event';

const event = {
  modelName: 'customer-segmentation',
  version: '3',
  runId: '0f3c2b1a9e8d4c7b',
  bundleUri: 'mlflow-artifacts:/1/0f3c2b1a9e8d4c7b/artifacts/bundle.json',
  promotedAt: '2026-01-31T12:00:00.000Z',
  metrics: { silhouette: 0.28, share_revolvers: 0.45 },
};

describe(parseModelPromotedEvent.name, () => {
  it('should return the event when every field is present and well formed', () => {
    expect(parseModelPromotedEvent(event)).toEqual(event);
  });

  it('should throw naming the field when the version is not a number or a metric is not finite', () => {
    expect(() => parseModelPromotedEvent({ ...event, version: 'v3' })).toThrow(/version/);
    expect(() => parseModelPromotedEvent({ ...event, metrics: { silhouette: 'high' } })).toThrow(/metrics/);
  });

  it('should throw when the bundle URI or the promotion time is missing', () => {
    const { bundleUri: _dropped, ...withoutUri } = event;
    expect(() => parseModelPromotedEvent(withoutUri)).toThrow(/bundleUri/);
    expect(() => parseModelPromotedEvent({ ...event, promotedAt: 'now' })).toThrow(/promotedAt/);
  });
});
