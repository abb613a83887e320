import type { OverviewQuery } from '../gql/graphql';

type Entry = NonNullable<OverviewQuery['championModel']>['kSweep'][number];
type MetricKey = Exclude<keyof Entry, 'k'>;

interface Props {
  readonly entries: readonly Entry[];
  /** The model's number of segments, marked on every chart. */
  readonly chosenK: number;
}

const METRICS: readonly { readonly key: MetricKey; readonly title: string; readonly better: 'higher' | 'lower'; readonly digits: number }[] = [
  { key: 'silhouette', title: 'Silhouette', better: 'higher', digits: 3 },
  { key: 'daviesBouldin', title: 'Davies–Bouldin', better: 'lower', digits: 2 },
  { key: 'calinskiHarabasz', title: 'Calinski–Harabasz', better: 'higher', digits: 0 },
];

const WIDTH = 240;
const HEIGHT = 140;
const PAD = { left: 44, right: 10, top: 12, bottom: 26 };

/** Where a value falls between lo and hi on [from, to]; the middle when the range is empty. */
const scale = (value: number, lo: number, hi: number, from: number, to: number) => (hi === lo ? (from + to) / 2 : from + ((value - lo) / (hi - lo)) * (to - from));

function MetricChart({ entries, chosenK, metric }: Props & { readonly metric: (typeof METRICS)[number] }) {
  const ks = entries.map((e) => e.k);
  const values = entries.map((e) => e[metric.key]);
  const [kMin, kMax] = [Math.min(...ks), Math.max(...ks)];
  const [vMin, vMax] = [Math.min(...values), Math.max(...values)];
  const x = (k: number) => scale(k, kMin, kMax, PAD.left, WIDTH - PAD.right);
  const y = (v: number) => scale(v, vMin, vMax, HEIGHT - PAD.bottom, PAD.top);
  const best = metric.better === 'higher' ? vMax : vMin;
  const bestK = entries.find((e) => e[metric.key] === best)?.k;
  const chosen = entries.find((e) => e.k === chosenK);
  const summary = `${metric.title} by number of segments, ${metric.better} is better: best at k = ${bestK}`
    + (chosen ? `; the model's k = ${chosenK} scores ${chosen[metric.key].toFixed(metric.digits)}` : '');
  return (
    <figure className="k-chart">
      <figcaption>{`${metric.title} (${metric.better} is better)`}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <line className="axis" x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} />
        <line className="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} />
        <text className="tick" x={PAD.left - 4} y={PAD.top + 4} textAnchor="end">{vMax.toFixed(metric.digits)}</text>
        <text className="tick" x={PAD.left - 4} y={HEIGHT - PAD.bottom} textAnchor="end">{vMin.toFixed(metric.digits)}</text>
        {entries.map((e) => (
          <text key={e.k} className="tick" x={x(e.k)} y={HEIGHT - 8} textAnchor="middle">{e.k}</text>
        ))}
        <polyline className="line" points={entries.map((e) => `${x(e.k)},${y(e[metric.key])}`).join(' ')} />
        {entries.map((e) => (
          <circle key={e.k} className={e.k === chosenK ? 'point chosen' : 'point'} cx={x(e.k)} cy={y(e[metric.key])} r={e.k === chosenK ? 5 : 3}>
            <title>{`k = ${e.k}: ${e[metric.key].toFixed(metric.digits)}`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}

/** The k-sweep as three small charts, one scale each, with the model's k ringed. */
export function KSweepChart({ entries, chosenK }: Props) {
  const sorted = [...entries].sort((a, b) => a.k - b.k);
  return (
    <div className="k-charts">
      {METRICS.map((metric) => <MetricChart key={metric.key} entries={sorted} chosenK={chosenK} metric={metric} />)}
    </div>
  );
}
