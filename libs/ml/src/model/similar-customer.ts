import { FEATURES, type FeatureSpec } from '../features/feature-schema';
import { isSegmentId, type SegmentId } from '../segments/segment-definitions';
import type { FeatureStats } from '../segments/segment-profiles';
import { SeededRandom } from '../synthetic/random';
import type { ModelBundle } from './model-bundle';
import { predict } from './predict';

export interface SimilarCustomer {
  readonly segmentId: SegmentId;
  /** All 17 features by CSV name, each within its allowed range, integers where the schema says so. */
  readonly features: Readonly<Record<string, number>>;
  /** 'profile' when drawn from the segment's quartiles; 'centroid' when every draw landed elsewhere. */
  readonly source: 'profile' | 'centroid';
  /** Draws made (the last one is the answer when `source` is 'profile'). */
  readonly attempts: number;
}

export class SimilarCustomerError extends Error {
  override readonly name = 'SimilarCustomerError';
}

export const MAX_SIMILAR_CUSTOMER_DRAWS = 20;

/**
 * A realistic customer of `segmentId`, deterministic per seed: each feature is drawn between the
 * segment's quartiles (so it looks like the middle half of the segment), made consistent (purchases =
 * one-off + instalments, no frequency without the activity), and kept only if the model places it in the
 * segment; otherwise redrawn with a derived seed, up to MAX_SIMILAR_CUSTOMER_DRAWS times, then the
 * segment's centroid in original units is returned.
 */
export function similarCustomer(bundle: ModelBundle, segmentId: string, seed: number): SimilarCustomer {
  const cluster = clusterOf(bundle, segmentId);
  const stats = bundle.profiles.clusters[cluster].features;
  for (let attempt = 0; attempt < MAX_SIMILAR_CUSTOMER_DRAWS; attempt++) {
    const features = drawFromProfile(stats, new SeededRandom(SeededRandom.derive(seed, attempt)));
    if (predict(bundle, [features])[0].cluster === cluster) return { segmentId: segmentId as SegmentId, features, source: 'profile', attempts: attempt + 1 };
  }
  const features = segmentCentroidCustomer(bundle, segmentId);
  if (predict(bundle, [features])[0].cluster !== cluster) {
    throw new SimilarCustomerError(`the centroid of segment ${segmentId}, mapped back to original units, is not predicted in ${segmentId}`);
  }
  return { segmentId: segmentId as SegmentId, features, source: 'centroid', attempts: MAX_SIMILAR_CUSTOMER_DRAWS };
}

/**
 * The segment's centroid mapped back to original units (inverse scaling, expm1 where log1p was applied),
 * rounded and clamped to the schema; features left out of the clustering take the segment's median.
 */
export function segmentCentroidCustomer(bundle: ModelBundle, segmentId: string): Record<string, number> {
  const cluster = clusterOf(bundle, segmentId);
  const { featureNames, log1p, scaler } = bundle.preprocessor;
  const centroid = bundle.centroids[cluster];
  const stats = bundle.profiles.clusters[cluster].features;
  const features: Record<string, number> = {};
  for (const spec of FEATURES) {
    const j = featureNames.indexOf(spec.name);
    if (j === -1) {
      features[spec.name] = toSchema(spec, stats[spec.name].median);
      continue;
    }
    const value = centroid[j] * scaler.scale[j] + scaler.center[j];
    features[spec.name] = toSchema(spec, log1p[j] ? Math.expm1(value) : value);
  }
  return features;
}

function clusterOf(bundle: ModelBundle, segmentId: string): number {
  const known = bundle.segments.flatMap((s) => (s.segmentId === null ? [] : [s.segmentId]));
  if (!isSegmentId(segmentId) || !known.includes(segmentId)) {
    throw new SimilarCustomerError(`unknown segment id ${JSON.stringify(segmentId)}: this model has ${known.join(', ')}`);
  }
  const cluster = bundle.segments.findIndex((s) => s.segmentId === segmentId);
  if (bundle.profiles.clusters[cluster].size === 0) throw new SimilarCustomerError(`segment ${segmentId} has no customers to draw from`);
  return cluster;
}

/** Inverse of the segment's quartile function over its middle half: u ∈ [0, 1) → q25 … median … q75. */
function betweenQuartiles(stats: FeatureStats, u: number): number {
  return u < 0.5 ? stats.q25 + (stats.median - stats.q25) * 2 * u : stats.median + (stats.q75 - stats.median) * (2 * u - 1);
}

function drawFromProfile(stats: Readonly<Record<string, FeatureStats>>, random: SeededRandom): Record<string, number> {
  const v: Record<string, number> = {};
  for (const spec of FEATURES) v[spec.name] = toSchema(spec, betweenQuartiles(stats[spec.name], random.next()));
  // Drawn one by one, the features can contradict each other; these are the identities of the data.
  v.PURCHASES = Math.round((v.ONEOFF_PURCHASES + v.INSTALLMENTS_PURCHASES) * 100) / 100;
  if (v.ONEOFF_PURCHASES === 0) v.ONEOFF_PURCHASES_FREQUENCY = 0;
  if (v.INSTALLMENTS_PURCHASES === 0) v.PURCHASES_INSTALLMENTS_FREQUENCY = 0;
  if (v.PURCHASES === 0) {
    v.PURCHASES_FREQUENCY = 0;
    v.PURCHASES_TRX = 0;
  } else {
    v.PURCHASES_FREQUENCY = Math.max(v.PURCHASES_FREQUENCY, v.ONEOFF_PURCHASES_FREQUENCY, v.PURCHASES_INSTALLMENTS_FREQUENCY, oneMonth(v.TENURE));
    v.PURCHASES_TRX = Math.max(1, v.PURCHASES_TRX);
  }
  if (v.CASH_ADVANCE === 0) {
    v.CASH_ADVANCE_FREQUENCY = 0;
    v.CASH_ADVANCE_TRX = 0;
  } else {
    v.CASH_ADVANCE_FREQUENCY = Math.max(v.CASH_ADVANCE_FREQUENCY, oneMonth(v.TENURE));
    v.CASH_ADVANCE_TRX = Math.max(1, v.CASH_ADVANCE_TRX);
  }
  return v;
}

/** The smallest non-zero frequency: activity in one month of the tenure. */
function oneMonth(tenure: number): number {
  return Math.round((1 / tenure) * 1e6) / 1e6;
}

/** Rounded as the data is written (cents, 6-decimal ratios, whole counts and months) and clamped to the allowed range. */
function toSchema(spec: FeatureSpec, value: number): number {
  const rounded = spec.integer ? Math.round(value) : spec.unit === 'ratio' ? Math.round(value * 1e6) / 1e6 : Math.round(value * 100) / 100;
  return Math.min(spec.max, Math.max(spec.min, rounded));
}
