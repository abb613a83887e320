import { FEATURE_NAMES, predict, type ModelBundle } from '@seg/ml';
import { createTestBundle, syntheticCustomerList } from '@seg/ml/testing';
import { latestFeatureBatch } from '../customer-features/feature-batch';
import { scoreBatch, segmentIdsByCluster, type StoredExplanation } from './scored-batch';
import { explanationText } from '../customers/customer.mapper';

const events = (count: number, seed: number) =>
  syntheticCustomerList(count, seed).map((customer, i) => ({
    customerId: customer.customerId,
    // A few missing values, so imputed explanations are covered.
    features: Object.fromEntries(FEATURE_NAMES.map((name) => [name, i % 7 === 0 && name === 'MINIMUM_PAYMENTS' ? null : (customer.features[name] ?? null)])),
    source: 'kafka' as const,
    batchId: '0b6f6c1e-8f4a-4e7a-9a53-2c1f2f0f7a10',
    updatedAt: '2026-01-31T12:00:00.000Z',
  }));

describe(scoreBatch.name, () => {
  let bundle: ModelBundle;

  beforeAll(async () => {
    bundle = await createTestBundle({ rows: 800 });
  });

  it('should give the segment, cluster, PCA position, distance and explanation of predict when a batch is scored', () => {
    const batch = latestFeatureBatch(events(200, 11));
    const scored = scoreBatch(bundle, batch);
    const expected = predict(
      bundle,
      batch.customerIds.map((id, i) => ({
        CUST_ID: id,
        ...Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, Number.isNaN(batch.matrix.data[i * 17 + j]) ? null : batch.matrix.data[i * 17 + j]])),
      })),
    );
    const explanations = scored.explanationsJson(batch.customerIds.map((_, i) => i)).map((text) => JSON.parse(text) as StoredExplanation[]);

    expect(explanations).toHaveLength(200);
    expected.forEach((prediction, i) => {
      expect(scored.customerIds[i]).toBe(prediction.customerId);
      expect(scored.segmentIds[i]).toBe(prediction.segmentId);
      expect(scored.clusters[i]).toBe(prediction.cluster);
      expect([scored.pcaX[i], scored.pcaY[i]]).toEqual([prediction.pca.x, prediction.pca.y]);
      expect(scored.distance[i]).toBe(prediction.distances[prediction.cluster].distance);
      expect(explanations[i].map((item) => ({ ...item, text: explanationText(item) }))).toEqual(
        prediction.explanation.map(({ feature, scaledValue, rawValue, imputed, logScale, text }) => ({ feature, scaledValue, rawValue, imputed, logScale, text })),
      );
    });
  });

  it('should explain only the listed rows, in the order given, when some rows are asked for', () => {
    const batch = latestFeatureBatch(events(50, 12));
    const scored = scoreBatch(bundle, batch);
    const all = scored.explanationsJson(batch.customerIds.map((_, i) => i));

    expect(scored.explanationsJson([7, 3])).toEqual([all[7], all[3]]);
    expect(scored.explanationsJson([])).toEqual([]);
  });

  it('should keep the newest state of a customer and order customers by id when a batch repeats one', () => {
    const [first, second] = events(2, 3);
    const batch = latestFeatureBatch([{ ...second, customerId: 'B' }, { ...first, customerId: 'A' }, { ...second, customerId: 'A' }]);

    expect(batch.customerIds).toEqual(['A', 'B']);
    expect(Array.from(batch.matrix.data.subarray(0, 17))).toEqual(FEATURE_NAMES.map((name) => second.features[name] ?? Number.NaN));
  });

  it("should keep the state that occurred last, not the last read, with its version, when a replay puts an older state last", () => {
    const [first, second] = events(2, 3);
    const newer = { ...first, customerId: 'A', occurredAt: '2026-06-01T00:00:00Z', updatedAt: '2026-12-01T10:00:00Z' };
    const older = { ...second, customerId: 'A', occurredAt: '2020-06-01T00:00:00Z', updatedAt: '2026-12-01T10:00:01Z' };
    const legacy = { ...second, customerId: 'B', updatedAt: '2026-11-01T00:00:00Z' };
    const batch = latestFeatureBatch([newer, legacy, older]);

    expect(Array.from(batch.matrix.data.subarray(0, 17))).toEqual(FEATURE_NAMES.map((name) => first.features[name] ?? Number.NaN));
    expect([batch.customerIds, batch.occurredAt, batch.updatedAt]).toEqual([
      ['A', 'B'],
      ['2026-06-01T00:00:00Z', '2026-11-01T00:00:00Z'],
      ['2026-12-01T10:00:00Z', '2026-11-01T00:00:00Z'],
    ]);
    expect(scoreBatch(bundle, batch).featuresOccurredAt).toEqual(batch.occurredAt);
  });

  it('should return empty columns and no explanation when the batch is empty', () => {
    const scored = scoreBatch(bundle, latestFeatureBatch([]));

    expect(scored.customerIds).toEqual([]);
    expect(scored.clusters).toHaveLength(0);
    expect(scored.explanationsJson([])).toEqual([]);
  });
});

describe(segmentIdsByCluster.name, () => {
  it('should name an unidentified cluster cluster-<n> and keep the others when the bundle has one', async () => {
    const bundle = await createTestBundle({ rows: 800 });
    const partial = { ...bundle, segments: bundle.segments.map((s, i) => (i === 2 ? { ...s, segmentId: null } : s)) };

    expect(segmentIdsByCluster(partial)).toEqual(bundle.segments.map((s, i) => (i === 2 ? 'cluster-2' : s.segmentId)));
  });
});
