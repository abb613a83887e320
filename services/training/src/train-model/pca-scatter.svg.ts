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
/** Cell side in px: 61 × 57 cells over the plot. */
const CELL = 8;
/** A cell is drawn only when at least this many customers fall in it: no mark stands for fewer people. */
export const MIN_CUSTOMERS_PER_CELL = 5;
/** Opacity levels: one path per segment and level keeps the file small. */
const LEVELS = [0.25, 0.45, 0.7, 0.95];

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

/**
 * The customers on the PCA plane as a density map, not as dots: the plane is cut into 8-px cells, each cell with at least
 * `MIN_CUSTOMERS_PER_CELL` customers is drawn in the colour of its most frequent segment, darker where more customers
 * are; sparser cells are left out. A dot per customer in training (id) order was personal data logged to MLflow for good
 * (a customer's position, and with the id order their identity); a cell of five or more is an aggregate that survives an
 * erasure unchanged (docs/decisions/0020-erasure-and-export.md). The legend counts every customer per segment.
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
  const columns = Math.ceil((PLOT.right - PLOT.left) / CELL);
  const rows = Math.ceil((PLOT.bottom - PLOT.top) / CELL);
  const seriesCount = input.series.length;
  // Per cell, customers per series; a degenerate extent (one point, one line) maps into the first cell.
  const cells = new Int32Array(columns * rows * seriesCount);
  const counts = input.series.map(() => 0);
  const spanX = maxX > minX ? maxX - minX : 1;
  const spanY = maxY > minY ? maxY - minY : 1;
  for (let i = 0; i < n; i++) {
    const s = input.seriesOfPoint[i];
    const [x, y] = [input.points[2 * i], input.points[2 * i + 1]];
    if (s < 0 || s >= seriesCount || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    const column = Math.min(columns - 1, Math.floor(((x - minX) / spanX) * columns));
    const row = Math.min(rows - 1, Math.floor(((maxY - y) / spanY) * rows));
    cells[(row * columns + column) * seriesCount + s]++;
    counts[s]++;
  }
  let densest = 0;
  for (let c = 0; c < columns * rows; c++) densest = Math.max(densest, totalOf(cells, c, seriesCount));
  const paths = input.series.map(() => LEVELS.map(() => [] as string[]));
  for (let c = 0; c < columns * rows; c++) {
    const total = totalOf(cells, c, seriesCount);
    if (total < MIN_CUSTOMERS_PER_CELL) continue;
    let majority = 0;
    for (let s = 1; s < seriesCount; s++) if (cells[c * seriesCount + s] > cells[c * seriesCount + majority]) majority = s;
    const level = Math.min(LEVELS.length - 1, Math.floor((Math.log(total) / Math.log(Math.max(densest, 2))) * LEVELS.length));
    paths[majority][level].push(`M${PLOT.left + (c % columns) * CELL} ${PLOT.top + Math.floor(c / columns) * CELL}h${CELL}v${CELL}h-${CELL}z`);
  }

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="24" font-size="15">${escapeXml(input.title)}</text>`,
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#cccccc"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 28}" text-anchor="middle">PC1</text>`,
    `<text x="16" y="${(PLOT.top + PLOT.bottom) / 2}" transform="rotate(-90 16 ${(PLOT.top + PLOT.bottom) / 2})" text-anchor="middle">PC2</text>`,
    ...input.series.flatMap((series, s) =>
      LEVELS.map((opacity, level) =>
        paths[s][level].length === 0 ? '' : `<path class="series-${s}" fill="${series.color}" fill-opacity="${opacity}" d="${paths[s][level].join('')}"/>`,
      ),
    ),
    ...input.series.map((series, s) => {
      const y = PLOT.top + 10 + s * 22;
      return `<g class="legend"><rect x="${PLOT.right + 20}" y="${y}" width="12" height="12" fill="${series.color}"/><text x="${PLOT.right + 38}" y="${y + 10}">${escapeXml(series.label)} (${counts[s]})</text></g>`;
    }),
    `<text x="${PLOT.left}" y="${PLOT.bottom + 28}" font-size="10" fill="#666666">cells of fewer than ${MIN_CUSTOMERS_PER_CELL} customers are not drawn</text>`,
    '</svg>',
  ];
  return parts.filter((part) => part !== '').join('\n');
}

function totalOf(cells: Int32Array, cell: number, seriesCount: number): number {
  let total = 0;
  for (let s = 0; s < seriesCount; s++) total += cells[cell * seriesCount + s];
  return total;
}
