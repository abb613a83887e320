import type { ModelBundle } from '@seg/ml';
import { createTestBundle } from '@seg/ml/testing';
import { toSegment } from './segment.mapper';

describe(toSegment.name, () => {
  let bundle: ModelBundle;

  beforeAll(async () => {
    bundle = await createTestBundle({ rows: 600 });
  });

  it("should carry the champion's label, profile per feature in schema order and centroid position when the id is a segment of it", () => {
    const cluster = bundle.segments.findIndex((s) => s.segmentId === 'revolvers');
    const segment = toSegment(bundle, 'revolvers');

    expect(segment).toMatchObject({ id: 'revolvers', label: bundle.segments[cluster].label, cluster });
    expect(segment.centroid).toEqual({ x: bundle.centroidsPca[cluster][0], y: bundle.centroidsPca[cluster][1] });
    expect(segment.profile.map((p) => p.key).slice(0, 3)).toEqual(['balance', 'balanceFrequency', 'purchases']);
    expect(segment.profile[0]).toEqual({ feature: 'BALANCE', key: 'balance', ...bundle.profiles.clusters[cluster].features.BALANCE });
  });

  it('should keep the id with no label, profile or centroid when the id is unknown or no champion is loaded', () => {
    const empty = { label: null, description: null, cluster: null, profile: [], centroid: null };

    expect(toSegment(bundle, 'retired')).toEqual({ id: 'retired', ...empty });
    expect(toSegment(null, 'revolvers')).toEqual({ id: 'revolvers', ...empty });
  });
});
