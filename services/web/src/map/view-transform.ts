/** Maps PCA coordinates to canvas pixels: px = (x - centerX) * scale + width / 2, y grows upwards. */
export interface ViewTransform {
  readonly centerX: number;
  readonly centerY: number;
  readonly scale: number;
}

export interface Bounds {
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

const MARGIN = 0.05;

export function boundsOf(xs: Float32Array, ys: Float32Array, count: number): Bounds {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    if (xs[i] < minX) minX = xs[i];
    if (xs[i] > maxX) maxX = xs[i];
    if (ys[i] < minY) minY = ys[i];
    if (ys[i] > maxY) maxY = ys[i];
  }
  return count === 0 ? { minX: -1, maxX: 1, minY: -1, maxY: 1 } : { minX, maxX, minY, maxY };
}

export function fitView(bounds: Bounds, width: number, height: number): ViewTransform {
  const spanX = Math.max(bounds.maxX - bounds.minX, 1e-9);
  const spanY = Math.max(bounds.maxY - bounds.minY, 1e-9);
  return {
    centerX: (bounds.minX + bounds.maxX) / 2,
    centerY: (bounds.minY + bounds.maxY) / 2,
    scale: Math.min(width / spanX, height / spanY) * (1 - 2 * MARGIN),
  };
}

export function toScreen(view: ViewTransform, width: number, height: number, x: number, y: number): [number, number] {
  return [(x - view.centerX) * view.scale + width / 2, height / 2 - (y - view.centerY) * view.scale];
}

export function toData(view: ViewTransform, width: number, height: number, px: number, py: number): [number, number] {
  return [(px - width / 2) / view.scale + view.centerX, (height / 2 - py) / view.scale + view.centerY];
}

/** Zooms by `factor` keeping the data point under (px, py) where it is on screen. */
export function zoomAt(view: ViewTransform, width: number, height: number, px: number, py: number, factor: number): ViewTransform {
  const [x, y] = toData(view, width, height, px, py);
  const scale = view.scale * factor;
  return { scale, centerX: x - (px - width / 2) / scale, centerY: y - (height / 2 - py) / scale };
}

export function panBy(view: ViewTransform, dxPixels: number, dyPixels: number): ViewTransform {
  return { ...view, centerX: view.centerX - dxPixels / view.scale, centerY: view.centerY + dyPixels / view.scale };
}
