import { featureByName } from '../features/feature-schema';
import { solveAssignment } from './hungarian';
import { SEGMENT_DEFINITIONS, SEGMENT_IDS, isSegmentId, type SegmentId } from './segment-definitions';
import type { FeatureStats, SegmentProfiles } from './segment-profiles';

export interface ClusterIdentity {
  readonly cluster: number;
  readonly segmentId: SegmentId | null;
  /** Archetype score of the chosen (or best free) segment; null when matched by centroid distance. */
  readonly score: number | null;
  /** Distance to the matched previous centroid; null when identified by archetype. */
  readonly distance: number | null;
  readonly reason: string;
}

export interface SegmentIdentityResult {
  readonly method: 'archetype' | 'previous-model';
  /** One entry per cluster, in cluster order. */
  readonly clusters: readonly ClusterIdentity[];
  readonly unassignedClusters: readonly number[];
  /** Segment ids no cluster received. */
  readonly missingSegmentIds: readonly SegmentId[];
}

/** The previous champion's centroids, in the same scaled space as the new ones, with their segment ids. */
export interface PreviousSegments {
  readonly centroids: readonly (readonly number[])[];
  readonly segmentIds: readonly (SegmentId | null)[];
}

export interface ArchetypeOptions {
  /** A cluster is named only if its score for the segment is above this; 0 = "more like it than the population". */
  readonly minScore?: number;
}

export interface PreviousModelOptions {
  /**
   * Farther than this from its matched previous centroid, a cluster is left unassigned. Default: half
   * the distance between the two closest previous centroids — beyond that it is no nearer to its
   * match than to the midpoint with a different segment.
   */
  readonly maxDistance?: number;
}

export class SegmentIdentityError extends Error {
  override readonly name = 'SegmentIdentityError';
}

// One feature far out (PRC_FULL_PAYMENT is 6 IQRs above the population for transactors) must not
// outvote the rest of an archetype.
const MAX_Z = 3;

function clamp(z: number): number {
  return Math.max(-MAX_Z, Math.min(MAX_Z, z));
}

/**
 * How far a cluster sits from the population on one feature, in population spreads. Ratios are
 * bounded, so their mean is robust and sees differences their median hides (PRC_FULL_PAYMENT's median
 * is 0 in most clusters); money and counts are heavy-tailed, so they use the median on the log1p scale,
 * where quantiles carry over unchanged (log1p is monotonic).
 */
function standardised(feature: string, cluster: FeatureStats, population: FeatureStats): number {
  const spec = featureByName(feature);
  const log = spec?.heavyTailed === true;
  const g = log ? Math.log1p : (x: number) => x;
  const iqr = g(population.q75) - g(population.q25);
  const spread = iqr > 0 ? iqr : g(population.max) - g(population.min);
  if (spread === 0) return 0;
  const value = log ? g(cluster.median) - g(population.median) : cluster.mean - population.mean;
  return clamp(value / spread);
}

function formatZ(z: number): string {
  return `${z >= 0 ? '+' : '−'}${Math.abs(z).toFixed(2)}`;
}

/**
 * Names each cluster after the segment archetype it fits best, every id used at most once (Hungarian
 * assignment on the negated scores). Clusters beyond the four ids, empty clusters and clusters that fit
 * no free archetype (score ≤ minScore) stay unassigned.
 */
export function identifySegmentsByArchetype(profiles: SegmentProfiles, options: ArchetypeOptions = {}): SegmentIdentityResult {
  const minScore = options.minScore ?? 0;
  const needed = [...new Set(SEGMENT_DEFINITIONS.flatMap((d) => Object.keys(d.archetype)))];
  const absent = needed.filter((f) => profiles.population.features[f] === undefined);
  if (absent.length > 0) throw new SegmentIdentityError(`profiles lack features the segment archetypes need: ${absent.join(', ')}`);

  const candidates = profiles.clusters.filter((c) => c.size > 0);
  const explanations = candidates.map((c) =>
    SEGMENT_DEFINITIONS.map((definition) => {
      const terms = Object.entries(definition.archetype).map(([feature, weight]) => ({
        feature,
        weight,
        z: standardised(feature, c.features[feature], profiles.population.features[feature]),
      }));
      const totalWeight = terms.reduce((sum, t) => sum + Math.abs(t.weight), 0);
      const score = terms.reduce((sum, t) => sum + t.weight * t.z, 0) / totalWeight;
      return { score, detail: terms.map((t) => `${t.feature} ${formatZ(t.z)}`).join(', ') };
    }),
  );
  const { rowToColumn } = solveAssignment(explanations.map((row) => row.map((e) => -e.score)));

  const byCluster = new Map<number, ClusterIdentity>();
  candidates.forEach((c, row) => {
    const column = rowToColumn[row];
    if (column === -1) {
      byCluster.set(c.cluster, { cluster: c.cluster, segmentId: null, score: null, distance: null, reason: `more clusters than the ${SEGMENT_IDS.length} segment ids; this one fits none left over` });
      return;
    }
    const { id } = SEGMENT_DEFINITIONS[column];
    const { score, detail } = explanations[row][column];
    const summary = `(score ${score.toFixed(2)}; in population spreads: ${detail})`;
    byCluster.set(
      c.cluster,
      score > minScore
        ? { cluster: c.cluster, segmentId: id, score, distance: null, reason: `fits the ${id} archetype ${summary}` }
        : { cluster: c.cluster, segmentId: null, score, distance: null, reason: `fits no free archetype: the best, ${id}, scores at most ${minScore} ${summary}` },
    );
  });
  return assemble(
    'archetype',
    profiles.clusters.map(
      (c) => byCluster.get(c.cluster) ?? { cluster: c.cluster, segmentId: null, score: null, distance: null, reason: 'empty cluster: nothing to identify' },
    ),
  );
}

function euclidean(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] - b[j]) ** 2;
  return Math.sqrt(sum);
}

function defaultMaxDistance(centroids: readonly (readonly number[])[]): number {
  if (centroids.length < 2) throw new SegmentIdentityError('maxDistance is required when the previous model has fewer than two identified segments');
  let closest = Infinity;
  for (let a = 0; a < centroids.length; a++) {
    for (let b = a + 1; b < centroids.length; b++) closest = Math.min(closest, euclidean(centroids[a], centroids[b]));
  }
  return closest / 2;
}

/**
 * Carries the previous model's segment ids over to the new clusters by centroid distance (Hungarian
 * assignment), so a retrain never renames a segment. Both sets of centroids must be in one space: map
 * the new ones through the previous model's preprocessing first. A cluster farther than maxDistance
 * from its match is left unassigned, never given the nearest name anyway.
 */
export function matchSegmentsToPrevious(
  centroids: readonly (readonly number[])[],
  previous: PreviousSegments,
  options: PreviousModelOptions = {},
): SegmentIdentityResult {
  if (previous.centroids.length !== previous.segmentIds.length) {
    throw new SegmentIdentityError(`previous model has ${previous.centroids.length} centroids but ${previous.segmentIds.length} segment ids`);
  }
  const dims = new Set([...centroids, ...previous.centroids].map((c) => c.length));
  if (dims.size > 1) throw new SegmentIdentityError(`centroids differ in dimension (${[...dims].join(' vs ')}): compare them in one feature space`);
  const known = previous.segmentIds.flatMap((id, i) => (id === null ? [] : [{ id, centroid: previous.centroids[i] }]));
  const invalid = known.filter(({ id }) => !isSegmentId(id)).map(({ id }) => id);
  if (invalid.length > 0) throw new SegmentIdentityError(`previous model has unknown segment ids: ${invalid.join(', ')}`);
  const repeated = known.map(({ id }) => id).filter((id, i, ids) => ids.indexOf(id) !== i);
  if (repeated.length > 0) throw new SegmentIdentityError(`previous model gives one segment id to several clusters: ${repeated.join(', ')}`);
  const maxDistance = options.maxDistance ?? defaultMaxDistance(known.map((k) => k.centroid));

  const distances = centroids.map((c) => known.map((k) => euclidean(c, k.centroid)));
  // Capped costs: every pair beyond the threshold costs the same, so one hopeless pair cannot pull
  // good pairs apart to lower the total.
  const { rowToColumn } = known.length === 0 ? { rowToColumn: new Int32Array(centroids.length).fill(-1) } : solveAssignment(distances.map((row) => row.map((d) => Math.min(d, maxDistance))));
  const limit = maxDistance.toFixed(3);
  const clusters = centroids.map((_, cluster): ClusterIdentity => {
    const column = rowToColumn[cluster];
    if (column === -1) return { cluster, segmentId: null, score: null, distance: null, reason: 'more clusters than identified segments in the previous model' };
    const { id } = known[column];
    const distance = distances[cluster][column];
    return distance <= maxDistance
      ? { cluster, segmentId: id, score: null, distance, reason: `matches previous segment ${id} at distance ${distance.toFixed(3)} (limit ${limit})` }
      : { cluster, segmentId: null, score: null, distance, reason: `its match, previous segment ${id}, is ${distance.toFixed(3)} away, beyond the limit ${limit}` };
  });
  return assemble('previous-model', clusters);
}

function assemble(method: SegmentIdentityResult['method'], clusters: readonly ClusterIdentity[]): SegmentIdentityResult {
  const used = new Set(clusters.map((c) => c.segmentId));
  return {
    method,
    clusters,
    unassignedClusters: clusters.filter((c) => c.segmentId === null).map((c) => c.cluster),
    missingSegmentIds: SEGMENT_IDS.filter((id) => !used.has(id)),
  };
}

export interface SegmentIdentityInput {
  readonly profiles: SegmentProfiles;
  /** The new model's centroids; needed only with `previous`. */
  readonly centroids?: readonly (readonly number[])[];
  readonly previous?: PreviousSegments;
}

/** Matches to the previous model when there is one (so ids survive retraining), otherwise names by archetype. */
export function identifySegments(input: SegmentIdentityInput, options: ArchetypeOptions & PreviousModelOptions = {}): SegmentIdentityResult {
  if (input.previous === undefined) return identifySegmentsByArchetype(input.profiles, options);
  if (input.centroids === undefined) throw new SegmentIdentityError('the new centroids are needed to match clusters to the previous model');
  if (input.centroids.length !== input.profiles.clusters.length) {
    throw new SegmentIdentityError(`${input.centroids.length} centroids for ${input.profiles.clusters.length} profiled clusters`);
  }
  return matchSegmentsToPrevious(input.centroids, input.previous, options);
}
