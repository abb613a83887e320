/** The map's points in typed arrays: 100,000 objects would cost memory and GC pauses on every redraw. */
export class PcaPointStore {
  xs = new Float32Array(0);
  ys = new Float32Array(0);
  segment = new Uint8Array(0);
  customerIds: string[] = [];
  count = 0;
  /** In order of first appearance; the map's legend follows the segment list instead. */
  readonly segmentIds: string[] = [];

  private segmentIndex(segmentId: string): number {
    let index = this.segmentIds.indexOf(segmentId);
    if (index < 0) index = this.segmentIds.push(segmentId) - 1;
    return index;
  }

  private grow(capacity: number): void {
    if (capacity <= this.xs.length) return;
    const size = Math.max(capacity, this.xs.length * 2);
    const xs = new Float32Array(size);
    const ys = new Float32Array(size);
    const segment = new Uint8Array(size);
    xs.set(this.xs);
    ys.set(this.ys);
    segment.set(this.segment);
    Object.assign(this, { xs, ys, segment });
  }

  append(points: readonly { customerId: string; segmentId: string; x: number; y: number }[]): void {
    this.grow(this.count + points.length);
    for (const p of points) {
      this.xs[this.count] = p.x;
      this.ys[this.count] = p.y;
      this.segment[this.count] = this.segmentIndex(p.segmentId);
      this.customerIds.push(p.customerId);
      this.count++;
    }
  }
}
