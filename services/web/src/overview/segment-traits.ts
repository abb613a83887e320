import { featureFieldByName, formatFeatureValue } from '../features/feature-fields';

/** One feature that sets a segment apart, in words. */
export interface SegmentTrait {
  readonly feature: string;
  readonly label: string;
  readonly direction: 'higher' | 'lower';
  /** e.g. "median 1,467 vs 0 overall" */
  readonly comparison: string;
}

const SHOWN = 3;

interface Distinguishing {
  readonly feature: string;
  readonly direction: 'higher' | 'lower';
  readonly segmentMedian: number;
  readonly populationMedian: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isDistinguishing(value: unknown): value is Distinguishing {
  return isRecord(value) && typeof value['feature'] === 'string' && (value['direction'] === 'higher' || value['direction'] === 'lower')
    && typeof value['segmentMedian'] === 'number' && typeof value['populationMedian'] === 'number';
}

/**
 * The features that set a cluster apart, from the champion's `profiles` document (@seg/ml's
 * SegmentProfiles, largest effect first). The document is free-form JSON on the API, so anything
 * not of that shape, or a feature the schema does not know, is left out rather than shown raw.
 */
export function segmentTraits(profiles: unknown, cluster: number | null | undefined): SegmentTrait[] {
  if (cluster === null || cluster === undefined || !isRecord(profiles) || !Array.isArray(profiles['clusters'])) return [];
  const profile: unknown = profiles['clusters'].find((c: unknown) => isRecord(c) && c['cluster'] === cluster);
  if (!isRecord(profile) || !Array.isArray(profile['distinguishing'])) return [];
  return profile['distinguishing'].filter(isDistinguishing).slice(0, SHOWN).flatMap((d) => {
    const field = featureFieldByName(d.feature);
    if (!field) return [];
    const comparison = `median ${formatFeatureValue(field, d.segmentMedian)} vs ${formatFeatureValue(field, d.populationMedian)} overall`;
    return [{ feature: d.feature, label: field.label, direction: d.direction, comparison }];
  });
}
