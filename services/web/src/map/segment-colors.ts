// Colour-blind-safe (Okabe–Ito); segments are matched by id, so a colour means the same segment after a retrain.
const BY_SEGMENT: Record<string, string> = {
  transactors: '#0072b2',
  revolvers: '#e69f00',
  'low-activity': '#009e73',
  'cash-advance': '#d55e00',
};
const FALLBACK = ['#cc79a7', '#56b4e9', '#f0e442', '#000000'];

export function segmentColor(segmentId: string, index: number): string {
  return BY_SEGMENT[segmentId] ?? FALLBACK[index % FALLBACK.length];
}

/** `#rrggbb` as the little-endian ABGR word an ImageData Uint32Array view expects. */
export function colorWord(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return (0xff << 24 | (n & 0xff) << 16 | (n & 0xff00) | (n >> 16 & 0xff)) >>> 0;
}
