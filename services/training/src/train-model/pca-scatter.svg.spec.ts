import { buildPcaScatterSvg, MIN_CUSTOMERS_PER_CELL } from './pca-scatter.svg';

const series = [
  { label: 'Revolvers', color: '#d95f02' },
  { label: 'Cash <advance>', color: '#e7298a' },
];

/** `count` points at (x, y) of series `s`. */
const crowd = (x: number, y: number, s: number, count: number) => ({ points: Array.from({ length: count }, () => [x, y]).flat(), series: Array.from({ length: count }, () => s) });
const input = (...groups: ReturnType<typeof crowd>[]) => ({
  points: Float64Array.from(groups.flatMap((g) => g.points)),
  seriesOfPoint: Int32Array.from(groups.flatMap((g) => g.series)),
  series,
  title: 'PCA',
});
const cellsOf = (svg: string, s: number) => [...svg.matchAll(new RegExp(`class="series-${s}"[^>]*d="([^"]*)"`, 'g'))].flatMap((m) => m[1].match(/M/g) ?? []).length;

describe(buildPcaScatterSvg.name, () => {
  it('should draw a cell in the colour of its most frequent segment, with the legend counting every customer', () => {
    const svg = buildPcaScatterSvg(input(crowd(0, 0, 0, 6), crowd(0, 0, 1, 2), crowd(10, 10, 1, 7)));

    expect([cellsOf(svg, 0), cellsOf(svg, 1)]).toEqual([1, 1]);
    expect(svg).toContain('Revolvers (6)');
    expect(svg).toContain('Cash &lt;advance&gt; (9)');
    expect(svg).toContain('fill="#d95f02"');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it(`should leave out every cell of fewer than ${MIN_CUSTOMERS_PER_CELL} customers, so no mark stands for one person`, () => {
    const svg = buildPcaScatterSvg(input(crowd(0, 0, 0, MIN_CUSTOMERS_PER_CELL), crowd(10, 10, 0, 1), crowd(5, 5, 1, MIN_CUSTOMERS_PER_CELL - 1)));

    expect([cellsOf(svg, 0), cellsOf(svg, 1)]).toEqual([1, 0]);
    expect(svg).toContain('Revolvers (6)');
    expect(svg).toContain(`fewer than ${MIN_CUSTOMERS_PER_CELL} customers are not drawn`);
  });

  it('should hold no coordinate of a customer: cells on the 8-px grid only', () => {
    const svg = buildPcaScatterSvg(input(crowd(-3.21, 2.5, 0, 10), crowd(7.77, -1.23, 1, 10)));

    const starts = [...svg.matchAll(/M(\d+) (\d+)h8v8h-8z/g)].map((m) => [Number(m[1]) - 50, Number(m[2]) - 40]);
    expect(starts.length).toBe(2);
    expect(starts.every(([x, y]) => x % 8 === 0 && y % 8 === 0)).toBe(true);
  });

  it('should skip non-finite points and draw no cell when there are none', () => {
    const svg = buildPcaScatterSvg({ points: Float64Array.from([Number.NaN, 1]), seriesOfPoint: Int32Array.from([0]), series, title: 'empty' });

    expect(svg).not.toContain('<path');
    expect(svg).toContain('Revolvers (0)');
  });

  it('should refuse when the points and the series indices disagree in length', () => {
    expect(() => buildPcaScatterSvg({ points: Float64Array.from([0, 0]), seriesOfPoint: Int32Array.from([0, 0]), series, title: 'x' })).toThrow(RangeError);
  });
});
