import { createTestBundle } from '../testing';
import { centroidDisplacement } from './centroid-displacement';
import { compileDriftModel, type DriftModel } from './drift-model';
import { resolveDriftThresholds } from './drift-status';
import { ShadowKMeans } from './shadow-kmeans';

describe(centroidDisplacement.name, () => {
  let model: DriftModel;
  beforeAll(async () => {
    model = compileDriftModel(await createTestBundle());
  });

  /** Feeds `points` copies of champion centroid c shifted along feature 0 by `shift` × its spread. */
  function feed(shadow: ShadowKMeans, c: number, shift: number, points: number): void {
    const x = model.transform.centroids.slice(c * model.d, (c + 1) * model.d);
    x[0] += shift * model.clusterSpread[c];
    for (let i = 0; i < points; i++) shadow.update(x);
  }

  it('should judge each centroid by its displacement relative to its spread once it received the minimum count', () => {
    const thresholds = resolveDriftThresholds({ minCount: 100 });
    const shadow = new ShadowKMeans(model, 100);
    feed(shadow, 0, 0.2 * 2, 100); // half of 0.4 spread after one half-life: 0.2, ok
    feed(shadow, 1, 0.3 * 2, 100); // 0.3: watch
    feed(shadow, 2, 0.6 * 2, 100); // 0.6: alert
    feed(shadow, 3, 1, 99); // far, but one point short of the minimum
    const report = centroidDisplacement(shadow, thresholds);
    expect(report.clusters.slice(0, 3).map((c) => c.relative)).toEqual([0.2, 0.3, 0.6].map((r) => expect.closeTo(r, 10)));
    expect(report.clusters.map((c) => c.status)).toEqual(['ok', 'watch', 'alert', 'insufficient-data']);
    expect(report.clusters.map((c) => c.observed)).toEqual([100, 100, 100, 99]);
    expect(report.clusters[2].distance).toBeCloseTo(0.6 * model.clusterSpread[2], 10);
    expect(report.clusters.map((c) => c.segmentId)).toEqual(model.segmentIds);
    expect(report).toMatchObject({ status: 'alert', halfLife: 100, seen: 399 });
  });

  it('should not judge a cluster that had no training rows (spread 0)', () => {
    const emptyCluster = { ...model, clusterSpread: Float64Array.from([0, ...Array.from(model.clusterSpread).slice(1)]) };
    const shadow = new ShadowKMeans(emptyCluster, 10);
    const report = centroidDisplacement(shadow, resolveDriftThresholds({ minCount: 1 }));
    expect(report.clusters[0]).toMatchObject({ relative: null, status: 'insufficient-data' });
  });
});
