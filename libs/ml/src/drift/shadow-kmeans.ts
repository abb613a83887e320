import { squaredDistance, squaredDistancesToFourRows } from '../kernels/distance-kernels';
import type { DriftModel } from './drift-model';

/** Points a centroid receives before the champion's position weighs half: ~29,000 points of effective memory. */
export const DEFAULT_SHADOW_HALF_LIFE = 10_000;

/**
 * An online K-Means that runs beside the champion and never assigns a segment: its centroids start at the
 * champion's and follow the scored events, so their displacement says "the segments are moving".
 *
 * Each event moves its nearest shadow centroid c by c += η (x − c), η = 1 − 2^(−1/halfLife): after
 * `halfLife` points of its own, what the centroid knew before weighs half. This is Spark's forgetful
 * StreamingKMeans update (c ← (c·n·a + x) / (n·a + 1), n ← n·a + 1) with the decay counted in the
 * centroid's own points and the weight n started at its steady state 1 / (1 − a), where it stays; and it is
 * River's KMeans (whose `halflife` is in fact that rate η). Spark's "points" time unit instead decays every
 * centroid on every event: a segment that stops receiving events then forgets the champion entirely and
 * jumps to its next point. Here such a centroid stays put, and the segment-share drift reports the loss.
 * O(k·d) per event, no allocation.
 */
export class ShadowKMeans {
  /** η: the fraction of the way to each new point a centroid moves. */
  readonly rate: number;
  /** k × d, the scaled space, starting at the champion's centroids. */
  readonly centroids: Float64Array;
  /** Points each centroid received. */
  readonly observed: Float64Array;
  private readonly distances: Float64Array;

  constructor(
    readonly model: DriftModel,
    readonly halfLife = DEFAULT_SHADOW_HALF_LIFE,
  ) {
    if (!(Number.isFinite(halfLife) && halfLife > 0)) throw new RangeError(`halfLife must be a finite number of points > 0, got ${halfLife}`);
    this.rate = -Math.expm1(-Math.LN2 / halfLife);
    this.centroids = Float64Array.from(model.transform.centroids);
    this.observed = new Float64Array(model.k);
    this.distances = new Float64Array(model.k);
  }

  /** Feeds one transformed row x[offset … offset + d); returns the shadow cluster it moved. */
  update(x: Float64Array, offset = 0): number {
    const { d, k } = this.model;
    const { centroids, distances } = this;
    let c = 0;
    for (; c + 3 < k; c += 4) squaredDistancesToFourRows(x, offset, centroids, c * d, d, distances, c);
    for (; c < k; c++) distances[c] = squaredDistance(x, offset, centroids, c * d, d);
    let best = 0;
    for (c = 1; c < k; c++) if (distances[c] < distances[best]) best = c;
    const rate = this.rate;
    for (let j = 0, o = best * d; j < d; j++, o++) centroids[o] += rate * (x[offset + j] - centroids[o]);
    this.observed[best]++;
    return best;
  }

  /** Events fed so far. */
  get seen(): number {
    let total = 0;
    for (let c = 0; c < this.observed.length; c++) total += this.observed[c];
    return total;
  }

  /** Euclidean distance of cluster c's shadow centroid from the champion's, in the scaled space. */
  displacement(cluster: number): number {
    const { d } = this.model;
    return Math.sqrt(squaredDistance(this.centroids, cluster * d, this.model.transform.centroids, cluster * d, d));
  }

  /** Back to the champion's centroids, nothing observed. */
  reset(): void {
    this.centroids.set(this.model.transform.centroids);
    this.observed.fill(0);
  }
}
