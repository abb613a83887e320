import type { PredictSegmentQuery } from '../gql/graphql';

interface Props {
  readonly prediction: PredictSegmentQuery['predictSegment'];
  readonly segmentLabels: ReadonlyMap<string, string>;
}

export function PredictionPanel({ prediction, segmentLabels }: Props) {
  const { segment, distances, explanation } = prediction;
  const nearest = Math.min(...distances.map((d) => d.distance));
  return (
    <section className="panel result" aria-labelledby="prediction-title" aria-live="polite">
      <h3 id="prediction-title">Segment: {segment.label ?? segment.id}</h3>
      {segment.offer ? (
        <div className="offer">
          <p><strong>Offer: {segment.offer.title}</strong></p>
          <p>{segment.offer.description}</p>
          <p className="hint">{segment.offer.product} · {segment.offer.channel}</p>
        </div>
      ) : (
        <p>This segment has no offer.</p>
      )}
      <table>
        <caption>Distance to each segment centre (scaled units; the nearest wins)</caption>
        <thead><tr><th scope="col">Segment</th><th scope="col">Distance</th></tr></thead>
        <tbody>
          {distances.map((d) => (
            <tr key={d.segmentId} className={d.distance === nearest ? 'nearest' : undefined}>
              <th scope="row">{segmentLabels.get(d.segmentId) ?? d.segmentId}</th>
              <td>{d.distance.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Why</h4>
      {explanation.length === 0 ? <p>No feature stands out from the population.</p> : (
        <ul className="explanation">
          {explanation.map((e) => <li key={e.feature}>{e.text}{e.imputed ? ' (missing, imputed)' : ''}</li>)}
        </ul>
      )}
      <p className="hint">Model version {prediction.modelVersion}; the customer is marked on the map.</p>
    </section>
  );
}
