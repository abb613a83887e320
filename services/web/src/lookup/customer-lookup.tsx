import { useLazyQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/error-message';
import { featureField, FEATURE_GROUPS } from '../features/feature-fields';
import { CustomerLookupDocument } from '../gql/graphql';

export function CustomerLookup() {
  const [id, setId] = useState('');
  const [lookup, result] = useLazyQuery(CustomerLookupDocument, { fetchPolicy: 'network-only' });
  const customer = result.data?.customer;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (id.trim()) void lookup({ variables: { id: id.trim() } }).catch(() => undefined);
  };

  return (
    <section className="panel" aria-labelledby="lookup-title">
      <h2 id="lookup-title">Customer lookup</h2>
      <form onSubmit={submit} className="inline">
        <label htmlFor="lookup-id">Customer id</label>
        <input id="lookup-id" value={id} onChange={(e) => setId(e.target.value)} placeholder="C10001" />
        <button type="submit" disabled={id.trim() === '' || result.loading}>Look up</button>
      </form>
      {result.error && <p role="alert" className="error">{errorMessage(result.error)}</p>}
      {result.called && !result.loading && !result.error && customer === null && <p>No customer with id {result.variables?.id}.</p>}
      {customer && (
        <div aria-live="polite">
          <h3>{customer.id}</h3>
          {customer.segment ? (
            <p>
              Segment <strong>{customer.segment.segment.label ?? customer.segment.segment.id}</strong> (model v{customer.segment.modelVersion}, distance {customer.segment.distance.toFixed(2)})
              {customer.segment.segment.offer && <> · Offer: <strong>{customer.segment.segment.offer.title}</strong></>}
            </p>
          ) : <p>Not scored yet.</p>}
          {customer.segment && customer.segment.explanation.length > 0 && (
            <ul className="explanation">{customer.segment.explanation.map((e) => <li key={e.text}>{e.text}</li>)}</ul>
          )}
          <dl className="features">
            {FEATURE_GROUPS.flatMap((g) => g.keys).map((key) => (
              <div key={key}><dt>{featureField(key).label}</dt><dd>{customer.features[key] ?? 'missing'}</dd></div>
            ))}
          </dl>
          <table>
            <caption>Segment history (source {customer.source}, updated {new Date(customer.updatedAt).toLocaleString('en-GB')})</caption>
            <thead><tr><th scope="col">When</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Model</th></tr></thead>
            <tbody>
              {customer.segmentHistory.map((h) => (
                <tr key={`${h.changedAt}-${h.modelVersion}`}>
                  <td>{new Date(h.changedAt).toLocaleString('en-GB')}</td>
                  <td>{h.fromSegment?.label ?? '—'}</td>
                  <td>{h.toSegment.label ?? h.toSegment.id}</td>
                  <td>v{h.modelVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
