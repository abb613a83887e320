import { buildPcaScatterSvg } from './pca-scatter.svg';

const series = [
  { label: 'Revolvers', color: '#d95f02' },
  { label: 'Cash <advance>', color: '#e7298a' },
];

describe(buildPcaScatterSvg.name, () => {
  it('should draw one dot per customer in its series path with a legend counting them when given points', () => {
    const svg = buildPcaScatterSvg({
      points: Float64Array.from([0, 0, 1, 1, 0.5, 0.25]),
      seriesOfPoint: Int32Array.from([0, 1, 0]),
      series,
      title: 'PCA',
    });

    const dots = (s: number) => new RegExp(`class="series-${s}"[^>]*d="([^"]*)"`).exec(svg)?.[1].match(/M/g)?.length;
    expect([dots(0), dots(1)]).toEqual([2, 1]);
    expect(svg).toContain('Revolvers (2)');
    expect(svg).toContain('Cash &lt;advance&gt; (1)');
    expect(svg).toContain('stroke="#d95f02"');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('should map the extent onto the plot area with coordinates rounded to one decimal', () => {
    const svg = buildPcaScatterSvg({ points: Float64Array.from([-3, 2, 7, -1.234567]), seriesOfPoint: Int32Array.from([0, 0]), series, title: 'PCA' });

    const d = /class="series-0"[^>]*d="([^"]*)"/.exec(svg)?.[1];
    expect(d).toBe('M50 40h0M540 500h0');
    expect(svg).not.toMatch(/\d\.\d\d/);
    expect(svg).not.toContain('class="series-1"');
  });

  it('should skip non-finite points and draw an empty plot when there are none', () => {
    const svg = buildPcaScatterSvg({ points: Float64Array.from([Number.NaN, 1]), seriesOfPoint: Int32Array.from([0]), series, title: 'empty' });

    expect(svg).not.toContain('<path');
    expect(svg).toContain('Revolvers (0)');
  });

  it('should refuse when the points and the series indices disagree in length', () => {
    expect(() => buildPcaScatterSvg({ points: Float64Array.from([0, 0]), seriesOfPoint: Int32Array.from([0, 0]), series, title: 'x' })).toThrow(RangeError);
  });
});
