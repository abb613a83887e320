import { fitView, panBy, toData, toScreen, zoomAt } from './view-transform';

const W = 800;
const H = 400;

describe('view transform', () => {
  it('should fit the bounds inside the canvas with a margin and y pointing up', () => {
    const view = fitView({ minX: -2, maxX: 2, minY: -1, maxY: 1 }, W, H);
    const [left, bottom] = toScreen(view, W, H, -2, -1);
    const [right, top] = toScreen(view, W, H, 2, 1);
    expect(left).toBeGreaterThan(0);
    expect(right).toBeLessThan(W);
    expect(top).toBeLessThan(bottom);
    expect(top).toBeGreaterThan(0);
  });

  it('should keep the point under the cursor fixed when zooming', () => {
    const view = fitView({ minX: 0, maxX: 10, minY: 0, maxY: 5 }, W, H);
    const before = toData(view, W, H, 100, 50);
    const zoomed = zoomAt(view, W, H, 100, 50, 3);
    const after = toData(zoomed, W, H, 100, 50);
    expect(zoomed.scale).toBeCloseTo(view.scale * 3);
    expect(after[0]).toBeCloseTo(before[0]);
    expect(after[1]).toBeCloseTo(before[1]);
  });

  it('should move the picture with the pointer when panning, without changing the zoom', () => {
    const view = fitView({ minX: 0, maxX: 10, minY: 0, maxY: 5 }, W, H);
    const [sx, sy] = toScreen(view, W, H, 3, 2);
    const panned = panBy(view, 25, -10);
    const [px, py] = toScreen(panned, W, H, 3, 2);
    expect(px).toBeCloseTo(sx + 25);
    expect(py).toBeCloseTo(sy - 10);
    expect(panned.scale).toBe(view.scale);
  });
});
