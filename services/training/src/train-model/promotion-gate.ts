import { SEGMENT_IDS, type ModelBundle } from '@seg/ml';
import { segmentShares } from './segment-shares';

export interface PromotionRules {
  /** Every segment needs at least this share of the customers. */
  readonly minSegmentShare: number;
  /** The candidate's silhouette may be at most this much below the champion's. */
  readonly silhouetteMargin: number;
}

export type GateRule = 'segments-assigned' | 'min-segment-share' | 'silhouette';

export interface GateCheck {
  readonly rule: GateRule;
  readonly passed: boolean;
  readonly detail: string;
}

export interface GateResult {
  readonly passed: boolean;
  readonly checks: readonly GateCheck[];
  /** The details of the failed checks: why the candidate was not promoted. */
  readonly reasons: readonly string[];
}

const format = (value: number) => value.toFixed(4);

/**
 * Decides whether a candidate may replace the champion. Fail-closed: a rule that cannot be evaluated
 * (a missing share, an unknown silhouette, a rule value that is not a number) fails, never passes.
 */
export function evaluatePromotionGate(candidate: ModelBundle, champion: ModelBundle | null, rules: PromotionRules): GateResult {
  const { shares, unassignedClusters } = segmentShares(candidate);
  const missing = SEGMENT_IDS.filter((id) => shares[id] === undefined);
  const checks: GateCheck[] = [
    {
      rule: 'segments-assigned',
      passed: missing.length === 0 && unassignedClusters.length === 0,
      detail:
        missing.length === 0 && unassignedClusters.length === 0
          ? `all ${SEGMENT_IDS.length} segment ids assigned`
          : `segment ids not assigned: ${missing.join(', ') || 'none'}; clusters without a segment: ${unassignedClusters.join(', ') || 'none'}`,
    },
  ];

  const small = SEGMENT_IDS.filter((id) => !(Number.isFinite(rules.minSegmentShare) && (shares[id] ?? Number.NaN) >= rules.minSegmentShare));
  checks.push({
    rule: 'min-segment-share',
    passed: small.length === 0,
    detail:
      small.length === 0
        ? `every segment has at least ${format(rules.minSegmentShare)} of the customers`
        : `segments below the minimum share ${format(rules.minSegmentShare)}: ${small.map((id) => `${id} ${shares[id] === undefined ? 'missing' : format(shares[id])}`).join(', ')}`,
  });

  checks.push(silhouetteCheck(candidate.metrics.silhouette, champion, rules.silhouetteMargin));
  const reasons = checks.filter((check) => !check.passed).map((check) => check.detail);
  return { passed: reasons.length === 0, checks, reasons };
}

function silhouetteCheck(silhouette: number | null, champion: ModelBundle | null, margin: number): GateCheck {
  const rule = 'silhouette';
  if (silhouette === null || !Number.isFinite(silhouette)) return { rule, passed: false, detail: 'the candidate has no silhouette to compare' };
  if (!Number.isFinite(margin)) return { rule, passed: false, detail: `the silhouette margin ${margin} is not a number` };
  if (champion === null) return { rule, passed: true, detail: `no champion yet: silhouette ${format(silhouette)} not compared` };
  const baseline = champion.metrics.silhouette;
  if (baseline === null || !Number.isFinite(baseline)) return { rule, passed: false, detail: "the champion's silhouette is unknown: cannot compare" };
  const floor = baseline - margin;
  return {
    rule,
    passed: silhouette >= floor,
    detail: `silhouette ${format(silhouette)} ${silhouette >= floor ? '≥' : '<'} champion ${format(baseline)} − margin ${format(margin)} = ${format(floor)}`,
  };
}
