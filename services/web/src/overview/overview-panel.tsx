import { SegmentExportButton } from '../export/segment-export-button';
import type { SegmentExporter } from '../export/segment-export';
import type { OverviewQuery } from '../gql/graphql';
import { segmentColor } from '../map/segment-colors';
import { KSweepChart } from './k-sweep-chart';
import { metricRows } from './metric-meanings';
import { segmentTraits } from './segment-traits';

interface Props {
  readonly data: OverviewQuery | undefined;
  readonly loading: boolean;
  readonly error: string | null;
  readonly canTrain: boolean;
  /** Analysts and admins download a segment's members; null hides the button. */
  readonly exporter?: SegmentExporter | null;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function explainedVariance(metrics: unknown): [number, number] | null {
  const values = (metrics ?? {}) as Record<string, unknown>;
  const pc1 = values['explainedVarianceRatio_pc1'];
  const pc2 = values['explainedVarianceRatio_pc2'];
  return typeof pc1 === 'number' && typeof pc2 === 'number' ? [pc1, pc2] : null;
}

function SegmentTraits({ traits }: { readonly traits: ReturnType<typeof segmentTraits> }) {
  if (traits.length === 0) return null;
  // A description list, not a list: the cards are the list items a reader counts.
  return (
    <dl className="traits" aria-label="Sets it apart">
      {traits.map((t) => (
        <div key={t.feature}>
          <dt><span className={`direction ${t.direction}`} aria-hidden="true">{t.direction === 'higher' ? '▲' : '▼'}</span> {t.label}:</dt>
          <dd>{t.comparison}</dd>
        </div>
      ))}
    </dl>
  );
}

export function OverviewPanel({ data, loading, error, canTrain, exporter = null }: Props) {
  if (error) return <section className="panel" aria-label="Overview"><p role="alert" className="error">{error}</p></section>;
  if (loading && !data) return <section className="panel" aria-label="Overview" aria-busy="true"><p>Loading the model and its segments…</p></section>;
  const champion = data?.championModel ?? null;
  if (!champion) {
    return (
      <section className="panel empty" aria-label="Overview">
        <h2>No model yet</h2>
        <p>{canTrain ? 'No model yet: run Train below to fit the first one.' : 'No model yet: ask an administrator to run Train.'}</p>
      </section>
    );
  }
  const variance = explainedVariance(champion.metrics);
  // The champion's own cluster numbers: its profiles are keyed by them, whatever scoring has loaded.
  const clusterOf = new Map(champion.segments.flatMap((s) => (s.segmentId ? [[s.segmentId, s.cluster] as const] : [])));
  const chosenK = champion.segments.length;
  return (
    <section className="panel" aria-labelledby="overview-title">
      <h2 id="overview-title">Champion model {champion.modelName} v{champion.version}</h2>
      <p className="hint">
        Trained {new Date(champion.createdAt).toLocaleString('en-GB')}
        {champion.promotedAt && `, champion since ${new Date(champion.promotedAt).toLocaleString('en-GB')}`}
        {champion.forced && ' (promoted by force, past the gate)'}. <a href={champion.mlflowRunUrl} target="_blank" rel="noreferrer">Run in MLflow</a>
      </p>
      <dl className="metrics">
        {metricRows(champion.metrics).map((m) => (
          <div key={m.key}>
            <dt>{m.label}</dt>
            <dd><strong>{m.value.toFixed(m.value > 100 ? 0 : 3)}</strong> <span className="meaning">{m.meaning}</span></dd>
          </div>
        ))}
        {variance && (
          <div>
            <dt>Map axes</dt>
            <dd><strong>{percent(variance[0])} + {percent(variance[1])}</strong> <span className="meaning">Share of the customers' variation the two map axes show; the rest is not visible on the map.</span></dd>
          </div>
        )}
      </dl>
      {champion.kSweep.length > 0 && (
        <section className="k-sweep" aria-labelledby="k-sweep-title">
          <h3 id="k-sweep-title">Number of segments tried (k-sweep)</h3>
          <KSweepChart entries={champion.kSweep} chosenK={chosenK} />
          <table>
            <caption>The k-sweep in numbers: the model uses {chosenK}</caption>
            <thead><tr><th scope="col">k</th><th scope="col">Silhouette (higher is better)</th><th scope="col">Davies–Bouldin (lower is better)</th><th scope="col">Calinski–Harabasz (higher is better)</th></tr></thead>
            <tbody>
              {champion.kSweep.map((entry) => (
                <tr key={entry.k}>
                  <th scope="row">{entry.k}</th>
                  <td>{entry.silhouette.toFixed(3)}</td>
                  <td>{entry.daviesBouldin.toFixed(3)}</td>
                  <td>{entry.calinskiHarabasz.toFixed(0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ul className="segment-cards" aria-label="Segments">
        {data?.segments.map((s, i) => (
          <li key={s.id} className="card" style={{ borderTopColor: segmentColor(s.id, i) }}>
            <h3>{s.label ?? s.id}</h3>
            <p>{s.description}</p>
            <p className="size"><strong>{s.size.toLocaleString('en')}</strong> customers · {percent(s.share)}</p>
            <SegmentTraits traits={segmentTraits(champion.profiles, clusterOf.get(s.id) ?? s.cluster)} />
            <p className="offer">{s.offer ? <>Offer: <strong>{s.offer.title}</strong> ({s.offer.channel})</> : 'No offer for this segment.'}</p>
            {exporter && <SegmentExportButton segmentId={s.id} label={s.label ?? s.id} exporter={exporter} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
