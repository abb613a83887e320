import { compareAssignments, predictMatrix } from '@seg/ml';
import { createTestBundle, syntheticTrainingData } from '@seg/ml/testing';
import { reviewAgainstChampion, withoutCustomers, type ReviewMap } from './challenger-review';

describe(reviewAgainstChampion.name, () => {
  it("should review the same customers as the lib's move matrix and map them at the champion's PCA positions", async () => {
    const [champion, challenger] = [await createTestBundle({ rows: 800, seed: 3 }), await createTestBundle({ rows: 800, seed: 4 })];
    const { matrix, customerIds } = syntheticTrainingData(500, 11);

    const { review, map } = reviewAgainstChampion(champion, challenger, matrix, customerIds);

    const idsOf = (bundle: typeof champion) => Array.from(predictMatrix(bundle, matrix).clusters, (c) => bundle.segments[c].segmentId);
    expect(review).toEqual(compareAssignments(idsOf(champion), idsOf(challenger)));
    expect(map.customers).toBe(500);
    expect(map.customerIds).toEqual(customerIds);
    const { pca } = predictMatrix(champion, matrix);
    expect(map.x[7]).toBe(pca[14]);
    expect(map.y[7]).toBe(pca[15]);
    expect(map.segments[map.champion[7]]).toBe(idsOf(champion)[7]);
    expect(map.segments[map.challenger[7]]).toBe(idsOf(challenger)[7]);
    const moved = map.champion.filter((code, i) => code !== map.challenger[i]).length;
    expect(moved).toBe(review.offerChanges.total);
  });

  it('should sample evenly, first customer included, when there are more customers than points', async () => {
    const bundle = await createTestBundle({ rows: 800, seed: 3 });
    const { matrix, customerIds } = syntheticTrainingData(1_000, 12);

    const { review, map } = reviewAgainstChampion(bundle, bundle, matrix, customerIds, 100);

    expect(review.customers).toBe(1_000);
    expect(review.agreement).toBe(1);
    expect(map.customers).toBe(1_000);
    expect(map.customerIds).toHaveLength(100);
    expect(map.customerIds.slice(0, 3)).toEqual([customerIds[0], customerIds[10], customerIds[20]]);
  });
});

describe(withoutCustomers.name, () => {
  it("should drop the erased customers' points from every column and keep the others in order, counts untouched", () => {
    const map: ReviewMap = { customers: 4, segments: ['transactors', null], customerIds: ['A', 'B', 'C', 'D'], x: [1, 2, 3, 4], y: [5, 6, 7, 8], champion: [0, 1, 0, 1], challenger: [1, 1, 0, 0] };

    expect(withoutCustomers(map, new Set(['B', 'D', 'Z']))).toEqual({ customers: 4, segments: ['transactors', null], customerIds: ['A', 'C'], x: [1, 3], y: [5, 7], champion: [0, 0], challenger: [1, 0] });
  });
});
