import type { ModelBundle, SegmentId } from '@seg/ml';
import { createTestBundle } from '@seg/ml/testing';
import { evaluatePromotionGate, type PromotionRules } from './promotion-gate';

const rules: PromotionRules = { minSegmentShare: 0.05, silhouetteMargin: 0.02 };
const ids: SegmentId[] = ['transactors', 'revolvers', 'low-activity', 'cash-advance'];

/** A 4-cluster bundle with the given segment per cluster, share per cluster and silhouette. */
function bundleWith(base: ModelBundle, options: { segments?: (SegmentId | null)[]; shares?: number[]; silhouette?: number | null }): ModelBundle {
  const segments = options.segments ?? ids;
  const shares = options.shares ?? [0.25, 0.25, 0.25, 0.25];
  return {
    ...base,
    segments: base.segments.map((s, c) => ({ ...s, cluster: c, segmentId: segments[c] })),
    profiles: { ...base.profiles, clusters: base.profiles.clusters.map((p, c) => ({ ...p, cluster: c, share: shares[c] })) },
    metrics: { ...base.metrics, silhouette: options.silhouette === undefined ? 0.3 : options.silhouette },
  };
}

describe(evaluatePromotionGate.name, () => {
  let base: ModelBundle;

  beforeAll(async () => {
    base = await createTestBundle();
  });

  it('should pass with every check passed when all segments are assigned, large enough and there is no champion', () => {
    const result = evaluatePromotionGate(bundleWith(base, {}), null, rules);

    expect(result.passed).toBe(true);
    expect(result.reasons).toEqual([]);
    expect(result.checks.map((c) => [c.rule, c.passed])).toEqual([
      ['segments-assigned', true],
      ['min-segment-share', true],
      ['silhouette', true],
    ]);
  });

  it('should fail naming the missing segment when a cluster has no segment id', () => {
    const result = evaluatePromotionGate(bundleWith(base, { segments: ['transactors', 'revolvers', 'low-activity', null] }), null, rules);

    expect(result.passed).toBe(false);
    expect(result.checks.find((c) => c.rule === 'segments-assigned')).toMatchObject({ passed: false, detail: expect.stringContaining('cash-advance') });
    expect(result.checks.find((c) => c.rule === 'silhouette')?.passed).toBe(true);
  });

  it('should fail naming the segment and its share when one segment is below the minimum share', () => {
    const result = evaluatePromotionGate(bundleWith(base, { shares: [0.04, 0.36, 0.3, 0.3] }), null, rules);

    expect(result.passed).toBe(false);
    expect(result.reasons).toEqual(['segments below the minimum share 0.0500: transactors 0.0400']);
    expect(result.checks.find((c) => c.rule === 'segments-assigned')?.passed).toBe(true);
  });

  it('should accept a share exactly at the minimum and a silhouette exactly at the champion minus the margin', () => {
    const champion = bundleWith(base, { silhouette: 0.3 });
    const result = evaluatePromotionGate(bundleWith(base, { shares: [0.05, 0.35, 0.3, 0.3], silhouette: 0.28 }), champion, { ...rules, silhouetteMargin: 0.02 });

    expect(result.passed).toBe(true);
  });

  it('should fail when the silhouette is worse than the champion by more than the margin', () => {
    const result = evaluatePromotionGate(bundleWith(base, { silhouette: 0.25 }), bundleWith(base, { silhouette: 0.3 }), rules);

    expect(result.passed).toBe(false);
    expect(result.reasons).toEqual(['silhouette 0.2500 < champion 0.3000 − margin 0.0200 = 0.2800']);
  });

  it('should fail closed when the candidate or the champion has no silhouette', () => {
    expect(evaluatePromotionGate(bundleWith(base, { silhouette: null }), null, rules).reasons).toEqual(['the candidate has no silhouette to compare']);
    expect(evaluatePromotionGate(bundleWith(base, {}), bundleWith(base, { silhouette: null }), rules).reasons).toEqual([
      "the champion's silhouette is unknown: cannot compare",
    ]);
  });

  it('should fail closed when a share is not a number or a rule value is not a number', () => {
    expect(evaluatePromotionGate(bundleWith(base, { shares: [Number.NaN, 0.4, 0.3, 0.3] }), null, rules).passed).toBe(false);
    expect(evaluatePromotionGate(bundleWith(base, {}), null, { ...rules, minSegmentShare: Number.NaN }).passed).toBe(false);
    expect(evaluatePromotionGate(bundleWith(base, {}), bundleWith(base, {}), { ...rules, silhouetteMargin: Number.NaN }).passed).toBe(false);
  });
});
