import { REVIEW_SEGMENTS, type ChallengerReview as Review, type SegmentId } from '@seg/ml';
import type { ReviewMap as StoredReviewMap } from './challenger-review';
import type { ChallengerReview, ReviewMap } from './challenger-review.model';

/** How the API names "no segment" in the review. */
export const UNASSIGNED = 'unassigned';

const segmentName = (id: SegmentId | null | undefined): string => id ?? UNASSIGNED;

export function toChallengerReview(review: Review, championVersion: string): ChallengerReview {
  return {
    championVersion,
    customers: review.customers,
    segments: REVIEW_SEGMENTS.map(segmentName),
    moves: review.moves.map((row) => [...row]),
    agreement: review.agreement,
    offerChanges: { ...review.offerChanges },
    shares: review.shares.map((share) => ({ ...share })),
  };
}

export function toReviewMap(map: StoredReviewMap): ReviewMap {
  return {
    customers: map.customers,
    points: map.customerIds.map((customerId, i) => ({
      customerId,
      x: map.x[i],
      y: map.y[i],
      championSegment: segmentName(map.segments[map.champion[i]]),
      challengerSegment: segmentName(map.segments[map.challenger[i]]),
      moved: map.champion[i] !== map.challenger[i],
    })),
  };
}
