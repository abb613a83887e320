import { createTestBundle } from '../testing';
import { compileDriftModel, type DriftModel } from './drift-model';
import { ShadowKMeans } from './shadow-kmeans';

describe(ShadowKMeans.name, () => {
  let model: DriftModel;
  beforeAll(async () => {
    model = compileDriftModel(await createTestBundle());
  });

  /** The champion's centroid c shifted by `shift` along feature 0, as one scaled row. */
  const shiftedPoint = (c: number, shift: number): Float64Array => {
    const x = model.transform.centroids.slice(c * model.d, (c + 1) * model.d);
    x[0] += shift;
    return x;
  };
  const centroid = (shadow: ShadowKMeans, c: number) => Array.from(shadow.centroids.subarray(c * model.d, (c + 1) * model.d));

  it("should start at the champion's centroids with nothing observed", () => {
    const shadow = new ShadowKMeans(model, 100);
    expect(shadow.centroids).toEqual(model.transform.centroids);
    expect(shadow.seen).toBe(0);
    expect(shadow.displacement(0)).toBe(0);
  });

  it('should have moved halfway to a shifted stream after one half-life, three quarters after two, and only that centroid', () => {
    const halfLife = 200;
    const shadow = new ShadowKMeans(model, halfLife);
    const x = shiftedPoint(2, 0.4);
    for (let i = 0; i < halfLife; i++) expect(shadow.update(x)).toBe(2);
    const champion2 = Array.from(model.transform.centroids.subarray(2 * model.d, 3 * model.d));
    centroid(shadow, 2).forEach((v, j) => expect(v).toBeCloseTo(champion2[j] + (j === 0 ? 0.2 : 0), 12));
    expect(shadow.displacement(2)).toBeCloseTo(0.2, 12);
    for (let i = 0; i < halfLife; i++) shadow.update(x);
    expect(shadow.displacement(2)).toBeCloseTo(0.3, 12);
    for (const c of [0, 1, 3]) expect(centroid(shadow, c)).toEqual(Array.from(model.transform.centroids.subarray(c * model.d, (c + 1) * model.d)));
    expect(Array.from(shadow.observed)).toEqual([0, 0, 2 * halfLife, 0]);
    expect(shadow.seen).toBe(2 * halfLife);
  });

  it('should move each point toward its nearest shadow centroid by the rate 1 − 2^(−1/halfLife)', () => {
    const shadow = new ShadowKMeans(model, 10);
    expect((1 - shadow.rate) ** 10).toBeCloseTo(0.5, 14);
    const x = shiftedPoint(1, 1);
    const before = centroid(shadow, 1);
    expect(shadow.update(x)).toBe(1);
    centroid(shadow, 1).forEach((v, j) => expect(v).toBeCloseTo(before[j] + shadow.rate * (x[j] - before[j]), 14));
  });

  it("should read a row at an offset and go back to the champion's centroids on reset", () => {
    const shadow = new ShadowKMeans(model, 10);
    const rows = new Float64Array(3 * model.d);
    rows.set(shiftedPoint(3, 2), 2 * model.d);
    expect(shadow.update(rows, 2 * model.d)).toBe(3);
    expect(shadow.displacement(3)).toBeCloseTo(2 * shadow.rate, 14);
    shadow.reset();
    expect(shadow.centroids).toEqual(model.transform.centroids);
    expect(shadow.seen).toBe(0);
  });

  it('should refuse a half-life that is not a positive number of points', () => {
    expect(() => new ShadowKMeans(model, 0)).toThrow('halfLife must be a finite number of points > 0, got 0');
    expect(() => new ShadowKMeans(model, Infinity)).toThrow('got Infinity');
  });
});
