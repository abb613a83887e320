import type { Bounds } from './view-transform';

/**
 * A uniform grid over the points in data space (counting sort into cells), so hover finds the nearest
 * point by looking at a few cells instead of 100,000 points.
 */
export class SpatialGrid {
  private readonly cellStart: Uint32Array;
  private readonly cellPoints: Uint32Array;
  private readonly cellSize: number;
  private readonly columns: number;
  private readonly rows: number;

  constructor(private readonly xs: Float32Array, private readonly ys: Float32Array, count: number, private readonly bounds: Bounds) {
    const side = Math.max(1, Math.ceil(Math.sqrt(count / 4)));
    this.cellSize = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY, 1e-9) / side;
    this.columns = Math.floor((bounds.maxX - bounds.minX) / this.cellSize) + 1;
    this.rows = Math.floor((bounds.maxY - bounds.minY) / this.cellSize) + 1;
    const cellOf = new Uint32Array(count);
    this.cellStart = new Uint32Array(this.columns * this.rows + 1);
    for (let i = 0; i < count; i++) {
      cellOf[i] = this.cell(xs[i], ys[i]);
      this.cellStart[cellOf[i] + 1]++;
    }
    for (let c = 1; c < this.cellStart.length; c++) this.cellStart[c] += this.cellStart[c - 1];
    const next = this.cellStart.slice(0, -1);
    this.cellPoints = new Uint32Array(count);
    for (let i = 0; i < count; i++) this.cellPoints[next[cellOf[i]]++] = i;
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.bounds.minX) / this.cellSize)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.bounds.minY) / this.cellSize)));
  }

  private cell(x: number, y: number): number {
    return this.row(y) * this.columns + this.column(x);
  }

  /** The index of the nearest accepted point within `radius` of (x, y), or -1. */
  nearest(x: number, y: number, radius: number, accept: (index: number) => boolean = () => true): number {
    let best = -1;
    let bestDistance = radius * radius;
    for (let r = this.row(y - radius); r <= this.row(y + radius); r++) {
      for (let c = this.column(x - radius); c <= this.column(x + radius); c++) {
        const cell = r * this.columns + c;
        for (let k = this.cellStart[cell]; k < this.cellStart[cell + 1]; k++) {
          const i = this.cellPoints[k];
          const d = (this.xs[i] - x) ** 2 + (this.ys[i] - y) ** 2;
          if (d <= bestDistance && accept(i)) {
            best = i;
            bestDistance = d;
          }
        }
      }
    }
    return best;
  }
}
