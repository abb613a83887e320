import type { DriftModel } from './drift-model';

/**
 * Events counted per reference bin of every feature (laid out as `DriftModel.binStart` says). Counts are
 * doubles: integers stay exact up to 2⁵³, and blocks add and subtract, so a window is a sum of blocks and
 * a customer whose features changed is one row subtracted and one added.
 */
export class BinCounts {
  /** Events counted; every feature's bins add up to it. */
  total = 0;
  readonly counts: Float64Array;

  constructor(readonly binCount: number) {
    this.counts = new Float64Array(binCount);
  }

  static of(model: DriftModel): BinCounts {
    return new BinCounts(model.binStart[model.d]);
  }

  /** Adds `other` × weight (−1 subtracts it). */
  add(other: BinCounts, weight = 1): this {
    if (other.binCount !== this.binCount) throw new RangeError(`cannot add ${other.binCount} bins to ${this.binCount}`);
    const a = this.counts;
    const b = other.counts;
    for (let i = 0; i < a.length; i++) a[i] += weight * b[i];
    this.total += weight * other.total;
    return this;
  }

  clear(): this {
    this.counts.fill(0);
    this.total = 0;
    return this;
  }

  copy(): BinCounts {
    return new BinCounts(this.binCount).add(this);
  }
}
