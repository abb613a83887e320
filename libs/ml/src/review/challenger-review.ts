import type { Matrix } from '../matrix';
import type { ModelBundle } from '../model/model-bundle';
import { predictMatrix } from '../model/predict';
import { SEGMENT_IDS, type SegmentId } from '../segments/segment-definitions';

/** The rows and columns of a move matrix: the segment ids, then null for customers without a segment. */
export const REVIEW_SEGMENTS: readonly (SegmentId | null)[] = [...SEGMENT_IDS, null];

export interface ReviewShare {
  readonly segmentId: SegmentId | null;
  /** Share of the customers in this segment by the champion, and by the challenger. */
  readonly champion: number;
  readonly challenger: number;
  /** (challenger − champion) × 100: percentage points. */
  readonly changePp: number;
}

/**
 * Offers are keyed by segment id, so a customer gets another offer exactly when the id changes; a
 * customer without a segment gets none, so two unassigned labels are the same outcome.
 */
export interface OfferChanges {
  readonly total: number;
  /** From one segment to another. */
  readonly switched: number;
  /** Unassigned by the champion, in a segment by the challenger: an offer where there was none. */
  readonly gained: number;
  /** In a segment by the champion, unassigned by the challenger: the offer goes. */
  readonly lost: number;
}

export interface ChallengerReview {
  readonly customers: number;
  /** moves[from][to]: customers in REVIEW_SEGMENTS[from] by the champion and REVIEW_SEGMENTS[to] by the challenger. */
  readonly moves: readonly (readonly number[])[];
  /** Share of customers the two models give the same segment id (unassigned by both included); 1 with no customers. */
  readonly agreement: number;
  readonly offerChanges: OfferChanges;
  /** Every REVIEW_SEGMENTS entry, in that order; shares are 0 with no customers. */
  readonly shares: readonly ReviewShare[];
}

const UNASSIGNED = REVIEW_SEGMENTS.length - 1;

/**
 * The move matrix between two labelings of the same customers, in the same order: the champion's segment
 * id per customer and the challenger's (null = no segment).
 */
export function compareAssignments(champion: readonly (SegmentId | null)[], challenger: readonly (SegmentId | null)[]): ChallengerReview {
  if (champion.length !== challenger.length) throw new RangeError(`${champion.length} champion labels but ${challenger.length} challenger labels`);
  const codes = (labels: readonly (SegmentId | null)[], side: string): Uint8Array =>
    Uint8Array.from(labels, (id, i) => {
      const code = REVIEW_SEGMENTS.indexOf(id);
      if (code < 0) throw new RangeError(`${side}[${i}] is ${JSON.stringify(id)}, not a segment id or null`);
      return code;
    });
  return reviewFromCodes(codes(champion, 'champion'), codes(challenger, 'challenger'));
}

/**
 * Predicts the same customers (raw 17-column rows, schema order, NaN = missing) with both models and
 * compares the segment ids: what promoting the challenger would change. Either bundle may be version 1.
 */
export function reviewChallenger(champion: ModelBundle, challenger: ModelBundle, raw: Matrix): ChallengerReview {
  const codesOf = (bundle: ModelBundle): Uint8Array => {
    const segmentCode = bundle.segments.map((s) => REVIEW_SEGMENTS.indexOf(s.segmentId));
    return Uint8Array.from(predictMatrix(bundle, raw).clusters, (cluster) => segmentCode[cluster]);
  };
  return reviewFromCodes(codesOf(champion), codesOf(challenger));
}

function reviewFromCodes(from: Uint8Array, to: Uint8Array): ChallengerReview {
  const m = REVIEW_SEGMENTS.length;
  const cells = new Float64Array(m * m);
  for (let i = 0; i < from.length; i++) cells[from[i] * m + to[i]]++;
  const moves = REVIEW_SEGMENTS.map((_, a) => Array.from(cells.subarray(a * m, (a + 1) * m)));
  const customers = from.length;
  let same = 0;
  let gained = 0;
  let lost = 0;
  for (let a = 0; a < m; a++) {
    same += moves[a][a];
    if (a !== UNASSIGNED) {
      gained += moves[UNASSIGNED][a];
      lost += moves[a][UNASSIGNED];
    }
  }
  const total = customers - same;
  const share = (count: number): number => (customers === 0 ? 0 : count / customers);
  const shares = REVIEW_SEGMENTS.map((segmentId, a): ReviewShare => {
    const championShare = share(moves[a].reduce((s, v) => s + v, 0));
    const challengerShare = share(moves.reduce((s, row) => s + row[a], 0));
    return { segmentId, champion: championShare, challenger: challengerShare, changePp: (challengerShare - championShare) * 100 };
  });
  return {
    customers,
    moves,
    agreement: customers === 0 ? 1 : same / customers,
    offerChanges: { total, switched: total - gained - lost, gained, lost },
    shares,
  };
}
