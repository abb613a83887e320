import { compareAssignments, predictMatrix, REVIEW_SEGMENTS, type ChallengerReview, type Matrix, type ModelBundle, type SegmentId } from '@seg/ml';

/** The overlay has at most this many customers: the whole real data set, and a map a browser draws at once. */
export const REVIEW_MAP_POINTS = 10_000;

/**
 * Customers at the champion's PCA positions with the champion's and the challenger's segment (indices into
 * `segments`, i.e. REVIEW_SEGMENTS: null = no segment), the same customers the review counts, in training order;
 * an even sample when there are more than REVIEW_MAP_POINTS.
 */
export interface ReviewMap {
  readonly customers: number;
  readonly segments: readonly (SegmentId | null)[];
  readonly customerIds: readonly string[];
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly champion: readonly number[];
  readonly challenger: readonly number[];
}

/** The overlay without these customers' points (an erasure); the counts it was drawn from stay, they are aggregates. */
export function withoutCustomers(map: ReviewMap, customerIds: ReadonlySet<string>): ReviewMap {
  const kept = map.customerIds.flatMap((id, i) => (customerIds.has(id) ? [] : [i]));
  const pick = <T>(values: readonly T[]) => kept.map((i) => values[i]);
  return { ...map, customerIds: pick(map.customerIds), x: pick(map.x), y: pick(map.y), champion: pick(map.champion), challenger: pick(map.challenger) };
}

/** What promoting `challenger` over `champion` changes for these customers (raw rows, schema order), and the overlay of it. */
export function reviewAgainstChampion(
  champion: ModelBundle,
  challenger: ModelBundle,
  raw: Matrix,
  customerIds: readonly string[],
  maxPoints = REVIEW_MAP_POINTS,
): { review: ChallengerReview; map: ReviewMap } {
  const before = predictMatrix(champion, raw);
  const after = predictMatrix(challenger, raw);
  const idsOf = (bundle: ModelBundle, clusters: Int32Array) => Array.from(clusters, (cluster) => bundle.segments[cluster].segmentId);
  const from = idsOf(champion, before.clusters);
  const to = idsOf(challenger, after.clusters);
  const review = compareAssignments(from, to);
  const n = raw.rows;
  const p = n === 0 ? 2 : before.pca.length / n;
  const picked = n <= maxPoints ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: maxPoints }, (_, i) => Math.floor((i * n) / maxPoints));
  const code = (id: SegmentId | null) => REVIEW_SEGMENTS.indexOf(id);
  const map: ReviewMap = {
    customers: n,
    segments: REVIEW_SEGMENTS,
    customerIds: picked.map((i) => customerIds[i]),
    x: picked.map((i) => before.pca[p * i]),
    y: picked.map((i) => before.pca[p * i + 1]),
    champion: picked.map((i) => code(from[i])),
    challenger: picked.map((i) => code(to[i])),
  };
  return { review, map };
}
