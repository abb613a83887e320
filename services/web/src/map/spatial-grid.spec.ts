import { SpatialGrid } from './spatial-grid';
import { boundsOf } from './view-transform';

function gridOf(points: [number, number][]) {
  const xs = Float32Array.from(points.map((p) => p[0]));
  const ys = Float32Array.from(points.map((p) => p[1]));
  return new SpatialGrid(xs, ys, points.length, boundsOf(xs, ys, points.length));
}

describe(SpatialGrid.name, () => {
  it('should find the nearest point when it lies in a neighbouring cell', () => {
    const points: [number, number][] = Array.from({ length: 400 }, (_, i) => [i % 20, Math.floor(i / 20)]);
    const grid = gridOf(points);
    expect(grid.nearest(7.2, 3.9, 0.5)).toBe(4 * 20 + 7);
    expect(grid.nearest(19.4, 19.4, 1)).toBe(399);
  });

  it('should find nothing when no point is within the radius', () => {
    const grid = gridOf([[0, 0], [10, 10]]);
    expect(grid.nearest(5, 5, 1)).toBe(-1);
  });

  it('should skip rejected points (hidden segments) and return the next nearest', () => {
    const grid = gridOf([[0, 0], [0.1, 0], [5, 5]]);
    expect(grid.nearest(0, 0, 1, (i) => i !== 0)).toBe(1);
    expect(grid.nearest(0, 0, 1, () => false)).toBe(-1);
  });
});
