import type { ModelBundle } from '../model/model-bundle';
import { createTestBundle } from '../testing';
import { resolveDriftThresholds } from './drift-status';
import { PSI_EPSILON } from './psi';
import { segmentShareDrift } from './segment-share-drift';

describe(segmentShareDrift.name, () => {
  let bundle: ModelBundle;
  beforeAll(async () => {
    const fitted = await createTestBundle();
    // Training shares made round, so the expected figures can be checked by hand.
    const shares = [0.4, 0.3, 0.2, 0.1];
    bundle = { ...fitted, profiles: { ...fitted.profiles, clusters: fitted.profiles.clusters.map((c, i) => ({ ...c, share: shares[i] })) } };
  });
  const idOf = (cluster: number) => bundle.segments[cluster].segmentId;

  it('should report PSI 0 and no change when the assignments have the training shares', () => {
    const drift = segmentShareDrift(bundle, [0, 1, 2, 3].map((c) => ({ segmentId: idOf(c), count: [400, 300, 200, 100][c] })));
    expect(drift.psi).toBeCloseTo(0, 15);
    expect(drift.status).toBe('ok');
    expect(drift.count).toBe(1000);
    expect(drift.segments.map((s) => s.changePp)).toEqual([0, 0, 0, 0].map(() => expect.closeTo(0, 12)));
  });

  it('should give each segment its change in percentage points and the PSI of the shares when they moved', () => {
    // Cluster 0 loses 20 points to cluster 3: shares 0.2 / 0.3 / 0.2 / 0.3.
    const drift = segmentShareDrift(bundle, [0, 1, 2, 3].map((c) => ({ segmentId: idOf(c), count: [200, 300, 200, 300][c] })));
    const expected = (0.2 - 0.4) * Math.log(0.2 / 0.4) + (0.3 - 0.1) * Math.log(0.3 / 0.1);
    expect(drift.psi).toBeCloseTo(expected, 12);
    expect(drift.status).toBe('alert');
    const byCluster = [0, 1, 2, 3].map((c) => drift.segments.find((s) => s.segmentId === idOf(c)));
    expect(byCluster.map((s) => s?.changePp)).toEqual([-20, 0, 0, 20].map((pp) => expect.closeTo(pp, 10)));
    expect(byCluster.map((s) => s?.currentShare)).toEqual([0.2, 0.3, 0.2, 0.3]);
    expect(byCluster.map((s) => s?.referenceShare)).toEqual([0.4, 0.3, 0.2, 0.1]);
  });

  it('should add up repeated rows of a segment, and list customers without a segment as null with PSI_EPSILON as their training share', () => {
    const counts = [
      { segmentId: idOf(0), count: 200 },
      { segmentId: idOf(0), count: 200 },
      { segmentId: idOf(1), count: 300 },
      { segmentId: idOf(2), count: 200 },
      { segmentId: idOf(3), count: 50 },
      { segmentId: null, count: 50 },
    ];
    const drift = segmentShareDrift(bundle, counts);
    expect(drift.segments.at(-1)).toEqual({ segmentId: null, referenceShare: 0, count: 50, currentShare: 0.05, changePp: 5 });
    expect(drift.segments.find((s) => s.segmentId === idOf(0))?.count).toBe(400);
    const expected = (0.05 - 0.1) * Math.log(0.05 / 0.1) + (0.05 - PSI_EPSILON) * Math.log(0.05 / PSI_EPSILON);
    expect(drift.psi).toBeCloseTo(expected, 12);
  });

  it('should say insufficient data, with the shares but no PSI, below the minimum count', () => {
    const drift = segmentShareDrift(bundle, [{ segmentId: idOf(0), count: 99 }], resolveDriftThresholds({ minCount: 100 }));
    expect(drift.status).toBe('insufficient-data');
    expect(drift.psi).toBeNull();
    expect(drift.segments.find((s) => s.segmentId === idOf(0))?.currentShare).toBe(1);
    const empty = segmentShareDrift(bundle, []);
    expect(empty.segments.map((s) => s.currentShare)).toEqual([null, null, null, null]);
    expect(empty.count).toBe(0);
  });

  it('should refuse a segment id it does not know and a count that is not a whole number', () => {
    expect(() => segmentShareDrift(bundle, [{ segmentId: 'big-spenders' as never, count: 1 }])).toThrow('segment counts[0]: unknown segment id "big-spenders"');
    expect(() => segmentShareDrift(bundle, [{ segmentId: null, count: -1 }])).toThrow('segment counts[0]: count must be an integer ≥ 0, got -1');
  });
});
