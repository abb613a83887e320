import { drawPoints } from './draw-points';
import { PcaPointStore } from './pca-point-store';
import { colorWord } from './segment-colors';

const W = 20;
const H = 10;

function image(): ImageData {
  // The shape drawPoints uses; node has no ImageData.
  return { width: W, height: H, data: new Uint8ClampedArray(W * H * 4), colorSpace: 'srgb' } as ImageData;
}

function store(): PcaPointStore {
  const points = new PcaPointStore();
  points.append([
    { customerId: 'C1', segmentId: 'revolvers', x: 0, y: 0 },
    { customerId: 'C2', segmentId: 'transactors', x: 4, y: 2 },
    { customerId: 'C3', segmentId: 'revolvers', x: 100, y: 0 },
  ]);
  return points;
}

const view = { centerX: 0, centerY: 0, scale: 1 };
const pixel = (img: ImageData, x: number, y: number) => new Uint32Array(img.data.buffer)[y * W + x];

describe(drawPoints.name, () => {
  it('should paint each visible point in its segment colour, y up, and skip points off the canvas', () => {
    const img = image();
    const drawn = drawPoints(img, store(), view, ['#0072b2', '#009e73'], new Set(), 2);
    expect(drawn).toBe(2);
    expect(pixel(img, 9, 4)).toBe(colorWord('#0072b2'));
    expect(pixel(img, 10, 5)).toBe(colorWord('#0072b2'));
    expect(pixel(img, 13, 2)).toBe(colorWord('#009e73'));
    expect(pixel(img, 0, 0)).toBe(colorWord('#ffffff'));
  });

  it('should leave a hidden segment out and count only what it painted', () => {
    const img = image();
    const drawn = drawPoints(img, store(), view, ['#0072b2', '#009e73'], new Set(['revolvers']), 2);
    expect(drawn).toBe(1);
    expect(pixel(img, 10, 5)).toBe(colorWord('#ffffff'));
    expect(pixel(img, 13, 2)).toBe(colorWord('#009e73'));
  });
});
