import { FEATURE_NAMES } from '../features/feature-schema';
import type { Matrix } from '../matrix';
import { medianOfSorted, quantileOfSorted } from '../preprocessing/quantile';

/** One feature's distribution in original units (quartiles as numpy's default 'linear' percentile). */
export interface FeatureStats {
  readonly mean: number;
  readonly median: number;
  readonly q25: number;
  readonly q75: number;
  readonly min: number;
  readonly max: number;
}

/** A feature on which a segment's median stands apart from the population's. */
export interface DistinguishingFeature {
  readonly feature: string;
  readonly direction: 'higher' | 'lower';
  readonly segmentMedian: number;
  readonly populationMedian: number;
  /** |segment median − population median| in population interquartile ranges. */
  readonly effect: number;
}

export interface ClusterProfile {
  readonly cluster: number;
  readonly size: number;
  readonly share: number;
  /** By CSV name; empty for an empty cluster. */
  readonly features: Readonly<Record<string, FeatureStats>>;
  /** Up to three, largest effect first. */
  readonly distinguishing: readonly DistinguishingFeature[];
}

export interface SegmentProfiles {
  readonly featureNames: readonly string[];
  readonly population: { readonly size: number; readonly features: Readonly<Record<string, FeatureStats>> };
  readonly clusters: readonly ClusterProfile[];
}

const TOP_DISTINGUISHING = 3;

function statsOfSorted(sorted: Float64Array): FeatureStats {
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return {
    mean: sum / sorted.length,
    median: medianOfSorted(sorted),
    q25: quantileOfSorted(sorted, 0.25),
    q75: quantileOfSorted(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * The population's spread a segment's difference is measured in: the interquartile range, or the
 * full range where most customers share one value (TENURE is 12 for three quarters of the real data).
 * Zero for a constant feature, which then sets no segment apart.
 */
function spreadOf(stats: FeatureStats): number {
  const iqr = stats.q75 - stats.q25;
  return iqr > 0 ? iqr : stats.max - stats.min;
}

function distinguishingFeatures(
  features: Readonly<Record<string, FeatureStats>>,
  population: Readonly<Record<string, FeatureStats>>,
  featureNames: readonly string[],
): DistinguishingFeature[] {
  const candidates: DistinguishingFeature[] = [];
  for (const feature of featureNames) {
    const spread = spreadOf(population[feature]);
    const segmentMedian = features[feature].median;
    const populationMedian = population[feature].median;
    if (spread === 0 || segmentMedian === populationMedian) continue;
    candidates.push({
      feature,
      direction: segmentMedian > populationMedian ? 'higher' : 'lower',
      segmentMedian,
      populationMedian,
      effect: Math.abs(segmentMedian - populationMedian) / spread,
    });
  }
  // Stable sort: equal effects keep the schema's feature order, so the result is deterministic.
  return candidates.sort((a, b) => b.effect - a.effect).slice(0, TOP_DISTINGUISHING);
}

/**
 * Per-cluster size, share and distribution of every feature in original units, from the raw
 * (imputed, not logged or scaled) matrix and the cluster labels, plus the same for the population.
 * Rows are grouped by cluster once; each column is then sorted per cluster in typed arrays.
 */
export function computeSegmentProfiles(
  raw: Matrix,
  labels: ArrayLike<number>,
  k: number,
  featureNames: readonly string[] = FEATURE_NAMES,
): SegmentProfiles {
  const { rows, cols, data } = raw;
  if (featureNames.length !== cols) throw new RangeError(`matrix has ${cols} columns but ${featureNames.length} feature names were given`);
  if (labels.length !== rows) throw new RangeError(`${labels.length} labels for ${rows} rows`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (rows === 0) throw new RangeError('cannot profile segments of an empty matrix');
  const sizes = new Int32Array(k);
  for (let i = 0; i < rows; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= k) throw new RangeError(`row ${i} has label ${label}, expected 0..${k - 1}`);
    sizes[label]++;
  }
  const offsets = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) offsets[c + 1] = offsets[c] + sizes[c];
  // Row indices grouped by cluster, in row order within a cluster.
  const order = new Int32Array(rows);
  const cursor = offsets.slice(0, k);
  for (let i = 0; i < rows; i++) order[cursor[labels[i]]++] = i;

  const grouped = new Float64Array(rows);
  const all = new Float64Array(rows);
  const population: Record<string, FeatureStats> = {};
  const perCluster: Record<string, FeatureStats>[] = Array.from({ length: k }, () => ({}));
  for (let j = 0; j < cols; j++) {
    for (let p = 0; p < rows; p++) {
      const v = data[order[p] * cols + j];
      if (Number.isNaN(v)) throw new RangeError(`row ${order[p]} has no ${featureNames[j]}: profiles need the imputed matrix`);
      grouped[p] = v;
    }
    all.set(grouped);
    population[featureNames[j]] = statsOfSorted(all.sort());
    for (let c = 0; c < k; c++) {
      if (sizes[c] > 0) perCluster[c][featureNames[j]] = statsOfSorted(grouped.subarray(offsets[c], offsets[c + 1]).sort());
    }
  }

  const clusters = perCluster.map((features, cluster) => ({
    cluster,
    size: sizes[cluster],
    share: sizes[cluster] / rows,
    features,
    distinguishing: sizes[cluster] > 0 ? distinguishingFeatures(features, population, featureNames) : [],
  }));
  return { featureNames: [...featureNames], population: { size: rows, features: population }, clusters };
}
