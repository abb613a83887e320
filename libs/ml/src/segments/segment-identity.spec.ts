import type { ClusterProfile, FeatureStats, SegmentProfiles } from './segment-profiles';
import { identifySegments, identifySegmentsByArchetype, matchSegmentsToPrevious, SegmentIdentityError } from './segment-identity';

type Archetype = 'spender' | 'idle' | 'cash' | 'balance' | 'average';

// Population and cluster figures (median, mean) shaped after the real data's four segments.
const POPULATION: Record<string, FeatureStats> = {
  BALANCE: { median: 873, mean: 1564, q25: 128, q75: 2054, min: 0, max: 19043 },
  PURCHASES: { median: 361, mean: 1003, q25: 40, q75: 1110, min: 0, max: 49039 },
  PURCHASES_FREQUENCY: { median: 0.5, mean: 0.49, q25: 0.083, q75: 0.917, min: 0, max: 1 },
  PRC_FULL_PAYMENT: { median: 0, mean: 0.154, q25: 0, q75: 0.143, min: 0, max: 1 },
  CASH_ADVANCE: { median: 0, mean: 979, q25: 0, q75: 1114, min: 0, max: 47137 },
  CASH_ADVANCE_FREQUENCY: { median: 0, mean: 0.135, q25: 0, q75: 0.222, min: 0, max: 1 },
  CASH_ADVANCE_TRX: { median: 0, mean: 3.25, q25: 0, q75: 4, min: 0, max: 123 },
  PAYMENTS: { median: 857, mean: 1733, q25: 383, q75: 1901, min: 0, max: 50721 },
  MINIMUM_PAYMENTS: { median: 312, mean: 845, q25: 171, q75: 789, min: 0.02, max: 76406 },
};

const CLUSTER_FIGURES: Record<Archetype, Record<string, [median: number, mean: number]>> = {
  balance: { BALANCE: [1073, 1723], PURCHASES: [792, 1476], PURCHASES_FREQUENCY: [0.83, 0.71], PRC_FULL_PAYMENT: [0, 0.05], CASH_ADVANCE: [0, 552], CASH_ADVANCE_FREQUENCY: [0, 0.08], CASH_ADVANCE_TRX: [0, 1.8], PAYMENTS: [948, 1741], MINIMUM_PAYMENTS: [404, 1026] },
  idle: { BALANCE: [24, 147], PURCHASES: [135, 339], PURCHASES_FREQUENCY: [0.17, 0.28], PRC_FULL_PAYMENT: [0, 0.11], CASH_ADVANCE: [0, 454], CASH_ADVANCE_FREQUENCY: [0, 0.05], CASH_ADVANCE_TRX: [0, 1], PAYMENTS: [336, 1159], MINIMUM_PAYMENTS: [128, 194] },
  cash: { BALANCE: [1839, 2653], PURCHASES: [0, 110], PURCHASES_FREQUENCY: [0, 0.08], PRC_FULL_PAYMENT: [0, 0.02], CASH_ADVANCE: [1467, 2332], CASH_ADVANCE_FREQUENCY: [0.25, 0.33], CASH_ADVANCE_TRX: [5, 8], PAYMENTS: [900, 1783], MINIMUM_PAYMENTS: [590, 1178] },
  average: Object.fromEntries(Object.entries(POPULATION).map(([name, stats]) => [name, [stats.median, stats.mean]])),
  spender: { BALANCE: [88, 196], PURCHASES: [908, 1927], PURCHASES_FREQUENCY: [0.92, 0.81], PRC_FULL_PAYMENT: [0.86, 0.82], CASH_ADVANCE: [0, 120], CASH_ADVANCE_FREQUENCY: [0, 0.02], CASH_ADVANCE_TRX: [0, 0.4], PAYMENTS: [1081, 2164], MINIMUM_PAYMENTS: [164, 201] },
};

function cluster(index: number, archetype: Archetype | 'empty'): ClusterProfile {
  if (archetype === 'empty') return { cluster: index, size: 0, share: 0, features: {}, distinguishing: [] };
  const features = Object.fromEntries(
    Object.entries(CLUSTER_FIGURES[archetype]).map(([name, [median, mean]]) => [name, { median, mean, q25: median, q75: median, min: 0, max: mean * 2 }]),
  );
  return { cluster: index, size: 1000, share: 0, features, distinguishing: [] };
}

function profiles(archetypes: readonly (Archetype | 'empty')[]): SegmentProfiles {
  return {
    featureNames: Object.keys(POPULATION),
    population: { size: 1000 * archetypes.length, features: POPULATION },
    clusters: archetypes.map((a, i) => cluster(i, a)),
  };
}

describe('identifySegmentsByArchetype', () => {
  it('should name every cluster after its archetype whatever the cluster order', () => {
    const expected: Record<string, string> = { spender: 'transactors', balance: 'revolvers', idle: 'low-activity', cash: 'cash-advance' };
    const orders: Archetype[][] = [
      ['balance', 'idle', 'cash', 'spender'],
      ['spender', 'cash', 'idle', 'balance'],
      ['cash', 'balance', 'spender', 'idle'],
      ['idle', 'spender', 'balance', 'cash'],
    ];
    for (const order of orders) {
      const result = identifySegmentsByArchetype(profiles(order));
      expect(result.clusters.map((c) => c.segmentId)).toEqual(order.map((a) => expected[a]));
      expect(result.unassignedClusters).toEqual([]);
      expect(result.missingSegmentIds).toEqual([]);
      expect(result.clusters.every((c) => c.score !== null && c.score > 0 && c.distance === null)).toBe(true);
    }
  });

  it('should explain the choice with the standardised features of the archetype', () => {
    const transactors = identifySegmentsByArchetype(profiles(['balance', 'idle', 'cash', 'spender'])).clusters[3];
    expect(transactors.reason).toMatch(/^fits the transactors archetype \(score \d\.\d\d; in population spreads: PURCHASES \+0\.\d\d, PURCHASES_FREQUENCY \+0\.\d\d, PRC_FULL_PAYMENT \+3\.00, CASH_ADVANCE \+0\.00\)$/);
  });

  it('should report the missing id and never guess when there are only three clusters', () => {
    const result = identifySegmentsByArchetype(profiles(['spender', 'cash', 'idle']));
    expect(result.clusters.map((c) => c.segmentId)).toEqual(['transactors', 'cash-advance', 'low-activity']);
    expect(result.missingSegmentIds).toEqual(['revolvers']);
    expect(result.unassignedClusters).toEqual([]);
  });

  it('should leave the extra cluster unassigned when there are more clusters than ids', () => {
    const result = identifySegmentsByArchetype(profiles(['spender', 'cash', 'idle', 'balance', 'cash']));
    expect(result.unassignedClusters).toHaveLength(1);
    const extra = result.clusters[result.unassignedClusters[0]];
    expect([1, 4]).toContain(extra.cluster);
    expect(extra.reason).toMatch(/more clusters than the 4 segment ids/);
    expect(result.clusters.filter((c) => c.segmentId !== null).map((c) => c.segmentId).sort()).toEqual(['cash-advance', 'low-activity', 'revolvers', 'transactors']);
    expect(result.missingSegmentIds).toEqual([]);
  });

  it('should leave a cluster unassigned when the archetype left for it fits no better than the population', () => {
    const result = identifySegmentsByArchetype(profiles(['spender', 'cash', 'idle', 'average']));
    expect(result.clusters.map((c) => c.segmentId)).toEqual(['transactors', 'cash-advance', 'low-activity', null]);
    expect(result.clusters[3]).toMatchObject({ score: 0, reason: expect.stringMatching(/^fits no free archetype: the best, revolvers, scores at most 0 /) });
    expect(result.unassignedClusters).toEqual([3]);
    expect(result.missingSegmentIds).toEqual(['revolvers']);
  });

  it('should skip an empty cluster and say why', () => {
    const result = identifySegmentsByArchetype(profiles(['spender', 'empty', 'cash', 'idle', 'balance']));
    expect(result.clusters[1]).toEqual({ cluster: 1, segmentId: null, score: null, distance: null, reason: 'empty cluster: nothing to identify' });
    expect(result.missingSegmentIds).toEqual([]);
  });

  it('should refuse profiles that lack a feature an archetype needs', () => {
    const lacking = profiles(['spender']);
    const features = { ...lacking.population.features };
    delete features.CASH_ADVANCE_TRX;
    expect(() => identifySegmentsByArchetype({ ...lacking, population: { size: 1, features } })).toThrow(
      new SegmentIdentityError('profiles lack features the segment archetypes need: CASH_ADVANCE_TRX'),
    );
  });
});

describe('matchSegmentsToPrevious', () => {
  const previous = {
    centroids: [[0, 0], [4, 0], [0, 4], [4, 4]],
    segmentIds: ['revolvers', 'transactors', 'cash-advance', 'low-activity'] as const,
  };

  it('should carry the previous ids over when the new clusters come in another order', () => {
    const result = matchSegmentsToPrevious([[4.1, 4], [0.2, 3.9], [0, -0.1], [3.8, 0.1]], { ...previous, segmentIds: [...previous.segmentIds] });
    expect(result.method).toBe('previous-model');
    expect(result.clusters.map((c) => c.segmentId)).toEqual(['low-activity', 'cash-advance', 'revolvers', 'transactors']);
    expect(result.clusters[0].distance).toBeCloseTo(0.1, 12);
    expect(result.clusters[0].reason).toBe('matches previous segment low-activity at distance 0.100 (limit 2.000)');
    expect(result.unassignedClusters).toEqual([]);
  });

  it('should report a cluster as unassigned when its match is beyond the distance limit', () => {
    const result = matchSegmentsToPrevious([[0, 0], [4, 0], [0, 4], [9, 9]], { ...previous, segmentIds: [...previous.segmentIds] });
    expect(result.clusters[3]).toMatchObject({ segmentId: null, reason: expect.stringMatching(/^its match, previous segment low-activity, is 7\.07\d away, beyond the limit 2\.000$/) });
    expect(result.clusters.slice(0, 3).map((c) => c.segmentId)).toEqual(['revolvers', 'transactors', 'cash-advance']);
    expect(result.unassignedClusters).toEqual([3]);
    expect(result.missingSegmentIds).toEqual(['low-activity']);
    expect(matchSegmentsToPrevious([[9, 9]], { ...previous, segmentIds: [...previous.segmentIds] }, { maxDistance: 8 }).clusters[0].segmentId).toBe('low-activity');
  });

  it('should not let one far cluster pull the others away from their matches', () => {
    // Uncapped, pairing [3,3]→low-activity and [9,9]→transactors would lower the total distance.
    const result = matchSegmentsToPrevious([[0, 0], [3, 3], [9, 9]], { centroids: [[0, 0], [4, 4], [5, 0]], segmentIds: ['revolvers', 'low-activity', 'transactors'] }, { maxDistance: 2 });
    expect(result.clusters.map((c) => c.segmentId)).toEqual(['revolvers', 'low-activity', null]);
  });

  it('should leave clusters unassigned when the new model has more clusters than the previous one', () => {
    const result = matchSegmentsToPrevious([[0, 0], [4, 0], [0, 4], [4, 4], [2, 2]], { ...previous, segmentIds: [...previous.segmentIds] });
    expect(result.unassignedClusters).toEqual([4]);
    expect(result.clusters[4].reason).toBe('more clusters than identified segments in the previous model');
  });

  it('should reject a previous model whose ids repeat or whose centroids live in another space', () => {
    expect(() => matchSegmentsToPrevious([[0, 0]], { centroids: [[0, 0], [1, 1]], segmentIds: ['revolvers', 'revolvers'] })).toThrow('previous model gives one segment id to several clusters: revolvers');
    expect(() => matchSegmentsToPrevious([[0, 0, 0]], { ...previous, segmentIds: [...previous.segmentIds] })).toThrow(/centroids differ in dimension \(3 vs 2\)/);
    expect(() => matchSegmentsToPrevious([[0, 0]], { centroids: [[0, 0]], segmentIds: ['revolvers'] })).toThrow(/maxDistance is required/);
  });
});

describe('identifySegments', () => {
  it('should match to the previous model instead of the archetypes when one is given', () => {
    const input = profiles(['spender', 'cash']);
    // The previous model called the spender-like cluster "revolvers": a retrain keeps that name.
    const result = identifySegments({ profiles: input, centroids: [[0, 0], [5, 5]], previous: { centroids: [[5, 5], [0, 0]], segmentIds: ['cash-advance', 'revolvers'] } });
    expect(result.clusters.map((c) => c.segmentId)).toEqual(['revolvers', 'cash-advance']);
    expect(identifySegments({ profiles: input }).clusters.map((c) => c.segmentId)).toEqual(['transactors', 'cash-advance']);
  });
});
