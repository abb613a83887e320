import type { SegmentId } from '../segments/segment-definitions';
import { fitTestModel, syntheticTrainingData } from '../testing';
import { predictMatrix } from '../model/predict';
import { compareAssignments, REVIEW_SEGMENTS, reviewChallenger } from './challenger-review';

const T: SegmentId = 'transactors';
const R: SegmentId = 'revolvers';
const L: SegmentId = 'low-activity';
const C: SegmentId = 'cash-advance';

describe(compareAssignments.name, () => {
  it('should count every from → to pair, the agreement and the offer changes on known labels', () => {
    const champion = [T, T, T, R, R, L, C, null, null, C];
    const challenger = [T, T, R, R, L, L, null, null, C, C];
    const review = compareAssignments(champion, challenger);
    expect(REVIEW_SEGMENTS).toEqual([T, R, L, C, null]);
    expect(review.moves).toEqual([
      // T  R  L  C  null   (challenger)
      [2, 1, 0, 0, 0], // T (champion)
      [0, 1, 1, 0, 0], // R
      [0, 0, 1, 0, 0], // L
      [0, 0, 0, 1, 1], // C
      [0, 0, 0, 1, 1], // null
    ]);
    expect(review.customers).toBe(10);
    // Same id for T T R L C and the two customers unassigned by both (neither gets an offer): 6 of 10.
    expect(review.agreement).toBe(0.6);
    expect(review.offerChanges).toEqual({ total: 4, switched: 2, gained: 1, lost: 1 });
  });

  it("should give each segment's share by both models and the change in percentage points", () => {
    const review = compareAssignments([T, T, R, R], [T, R, R, null]);
    expect(review.shares).toEqual([
      { segmentId: T, champion: 0.5, challenger: 0.25, changePp: -25 },
      { segmentId: R, champion: 0.5, challenger: 0.5, changePp: 0 },
      { segmentId: L, champion: 0, challenger: 0, changePp: 0 },
      { segmentId: C, champion: 0, challenger: 0, changePp: 0 },
      { segmentId: null, champion: 0, challenger: 0.25, changePp: 25 },
    ]);
  });

  it('should agree fully and move nobody when there are no customers', () => {
    const review = compareAssignments([], []);
    expect(review).toMatchObject({ customers: 0, agreement: 1, offerChanges: { total: 0, switched: 0, gained: 0, lost: 0 } });
    expect(review.shares.every((s) => s.champion === 0 && s.challenger === 0)).toBe(true);
  });

  it('should refuse labelings of different lengths or an unknown segment id', () => {
    expect(() => compareAssignments([T], [T, R])).toThrow('1 champion labels but 2 challenger labels');
    expect(() => compareAssignments([T, 'big-spenders' as SegmentId], [T, R])).toThrow('champion[1] is "big-spenders", not a segment id or null');
  });
});

describe(reviewChallenger.name, () => {
  const customers = syntheticTrainingData(2_000, 21).matrix;

  it('should agree fully when the challenger is the champion', async () => {
    const { bundle } = await fitTestModel();
    const review = reviewChallenger(bundle, bundle, customers);
    expect(review.agreement).toBe(1);
    expect(review.offerChanges.total).toBe(0);
    expect(review.customers).toBe(2_000);
  });

  it("should compare both models' segment ids for the same customers when they differ", async () => {
    const champion = (await fitTestModel()).bundle;
    const challenger = (await fitTestModel({ rows: 800, seed: 5, fit: { previous: champion } })).bundle;
    const idsOf = (bundle: typeof champion) => Array.from(predictMatrix(bundle, customers).clusters, (c) => bundle.segments[c].segmentId);
    const review = reviewChallenger(champion, challenger, customers);
    expect(review).toEqual(compareAssignments(idsOf(champion), idsOf(challenger)));
    // Refitted on 800 other customers of the same population: most keep their segment (about two thirds here), not all.
    expect(review.agreement).toBeGreaterThan(0.5);
    expect(review.agreement).toBeLessThan(1);
  });
});
