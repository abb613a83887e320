export interface ScatterSeries {
  readonly label: string;
  readonly color: string;
}

export interface PcaScatterInput {
  /** n × 2 PCA coordinates, row-major. */
  readonly points: Float64Array;
  /** Index into `series` per point. */
  readonly seriesOfPoint: Int32Array;
  readonly series: readonly ScatterSeries[];
  readonly title: string;
}

export const SEGMENT_COLORS: Readonly<Record<string, string>> = {
  transactors: '#1b9e77',
  revolvers: '#d95f02',
  'low-activity': '#7570b3',
  'cash-advance': '#e7298a',
};
export const UNASSIGNED_COLOR = '#999999';

const WIDTH = 720;
const HEIGHT = 540;
const PLOT = { left: 50, top: 40, right: 540, bottom: 500 };
const DOT = 2.4;

const round1 = (value: number) => String(Math.round(value * 10) / 10);
const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

/**
 * Every customer as a dot on the PCA plane, coloured by segment, with a legend. One path per segment whose
 * zero-length round-capped segments draw the dots (`M x y h0`): about 15 bytes per customer instead of a
 * ~45-byte <circle>, and coordinates rounded to 0.1 px, so 9,000 customers stay near 150 kB.
 */
export function buildPcaScatterSvg(input: PcaScatterInput): string {
  const n = input.seriesOfPoint.length;
  if (input.points.length !== n * 2) throw new RangeError(`${input.points.length / 2} points for ${n} series indices`);
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const [x, y] = [input.points[2 * i], input.points[2 * i + 1]];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
  }
  // A degenerate extent (no points, or all on one line) still maps into the plot area.
  const spanX = maxX > minX ? maxX - minX : 1;
  const spanY = maxY > minY ? maxY - minY : 1;
  const toX = (x: number) => PLOT.left + ((x - (Number.isFinite(minX) ? minX : 0)) / spanX) * (PLOT.right - PLOT.left);
  const toY = (y: number) => PLOT.bottom - ((y - (Number.isFinite(minY) ? minY : 0)) / spanY) * (PLOT.bottom - PLOT.top);

  const paths = input.series.map(() => [] as string[]);
  const counts = input.series.map(() => 0);
  for (let i = 0; i < n; i++) {
    const s = input.seriesOfPoint[i];
    const [x, y] = [input.points[2 * i], input.points[2 * i + 1]];
    if (s < 0 || s >= paths.length || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    paths[s].push(`M${round1(toX(x))} ${round1(toY(y))}h0`);
    counts[s]++;
  }

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="24" font-size="15">${escapeXml(input.title)}</text>`,
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#cccccc"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 28}" text-anchor="middle">PC1</text>`,
    `<text x="16" y="${(PLOT.top + PLOT.bottom) / 2}" transform="rotate(-90 16 ${(PLOT.top + PLOT.bottom) / 2})" text-anchor="middle">PC2</text>`,
    ...input.series.map((series, s) =>
      paths[s].length === 0
        ? ''
        : `<path class="series-${s}" stroke="${series.color}" stroke-opacity="0.7" stroke-width="${DOT}" stroke-linecap="round" d="${paths[s].join('')}"/>`,
    ),
    ...input.series.map((series, s) => {
      const y = PLOT.top + 10 + s * 22;
      return `<g class="legend"><rect x="${PLOT.right + 20}" y="${y}" width="12" height="12" fill="${series.color}"/><text x="${PLOT.right + 38}" y="${y + 10}">${escapeXml(series.label)} (${counts[s]})</text></g>`;
    }),
    '</svg>',
  ];
  return parts.filter((part) => part !== '').join('\n');
}
