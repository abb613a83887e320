import { useQuery } from '@apollo/client/react';
import { errorMessage } from '../api/error-message';
import { ModelHealthDocument } from '../gql/graphql';
import { mostDrifted, signalRows, STATUS_TEXT, type Health } from './drift-signals';

const POLL_MS = 30_000;
const pct = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`);
const pp = (change: number | null | undefined) => (change === null || change === undefined ? '—' : `${change >= 0 ? '+' : ''}${change.toFixed(1)} pp`);

/** Reference (training) and live shares of one feature's bins, side by side per bin. */
function Histogram({ feature }: { readonly feature: Health['inflow']['features'][number] }) {
  const bins = feature.referenceShares.length;
  const top = Math.max(0.01, ...feature.referenceShares, ...feature.liveShares);
  const width = 240;
  const height = 64;
  const slot = width / Math.max(1, bins);
  return (
    <figure className="histogram">
      <figcaption>
        {feature.feature}: PSI {feature.psi?.toFixed(3) ?? '—'} <span className={`light ${feature.status}`} aria-hidden="true" /> {STATUS_TEXT[feature.status] ?? feature.status}
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={`${feature.feature}: training vs now over ${bins} bins`}>
        {feature.referenceShares.map((share, b) => (
          <rect key={`r${b}`} className="reference" x={b * slot + 1} y={height - (share / top) * height} width={slot / 2 - 1} height={(share / top) * height} />
        ))}
        {feature.liveShares.map((share, b) => (
          <rect key={`l${b}`} className="live" x={b * slot + slot / 2} y={height - (share / top) * height} width={slot / 2 - 1} height={(share / top) * height} />
        ))}
      </svg>
    </figure>
  );
}

/** The champion's drift: a light per signal, the most drifted features' histograms and the segment shares now vs at training. */
export function ModelHealthPanel() {
  const query = useQuery(ModelHealthDocument, { pollInterval: POLL_MS, fetchPolicy: 'cache-and-network' });
  const health = query.data?.modelHealth ?? null;
  const drifted = health ? mostDrifted(health) : null;
  return (
    <section className="panel health" aria-labelledby="health-title">
      <h2 id="health-title">Model health</h2>
      {query.error && <p role="alert" className="error">{errorMessage(query.error)}</p>}
      {!health && !query.error && <p className="hint">{query.loading ? 'Judging the model…' : 'No champion is monitored yet.'}</p>}
      {health && (
        <>
          <p>
            Version {health.version}: <strong className={`status ${health.status}`}>{STATUS_TEXT[health.status] ?? health.status}</strong>
            <span className="hint"> · judged {new Date(health.computedAt).toLocaleTimeString()} over the last {health.window.maxEvents.toLocaleString('en')} events per replica ({health.replicas} replica{health.replicas === 1 ? '' : 's'})</span>
          </p>
          {health.championRejected && (
            <p role="alert" className="error">
              Version {health.championRejected.version} was promoted but refused: {health.championRejected.reason}. Version {health.version} stays the champion.
            </p>
          )}
          <ul className="signals" aria-label="Drift signals">
            {signalRows(health).map((row) => (
              <li key={row.key} data-status={row.status}>
                <span className={`light ${row.status}`} aria-hidden="true" />
                <strong>{row.name}</strong>: {STATUS_TEXT[row.status] ?? row.status}
                <span className="hint"> · {row.detail}</span>
              </li>
            ))}
          </ul>
          {drifted && drifted.features.length > 0 && (
            <div className="histograms" aria-label="Most drifted features">
              <p className="hint">Most drifted features ({drifted.source === 'inflow' ? 'recent events' : 'all customers'}): training <span className="key reference" /> vs now <span className="key live" />, per decile bin.</p>
              {drifted.features.map((feature) => <Histogram key={feature.feature} feature={feature} />)}
            </div>
          )}
          <table className="shares" aria-label="Segment shares now and at training">
            <thead>
              <tr><th scope="col">Segment</th><th scope="col">At training</th><th scope="col">Now</th><th scope="col">Change</th></tr>
            </thead>
            <tbody>
              {health.segmentShares.segments.map((s) => (
                <tr key={s.segmentId ?? 'none'}>
                  <th scope="row">{s.segmentId ?? 'no segment'}</th>
                  <td>{pct(s.referenceShare)}</td>
                  <td>{pct(s.currentShare)}</td>
                  <td>{pp(s.changePp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
