import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/error-message';
import { PromoteRunDocument, RejectRunDocument, ReviewRunsDocument, RunReviewDocument } from '../gql/graphql';
import { ReviewOverlay } from './review-overlay';

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const pp = (change: number) => `${change >= 0 ? '+' : ''}${change.toFixed(1)} pp`;
const DECIDED = new Set(['succeeded', 'rejected', 'superseded']);
/** The audit's actions as the run's history reads them, e.g. "promoted by gate". */
const PAST: Readonly<Record<string, string>> = { train: 'training started', promote: 'promoted', reject: 'rejected', supersede: 'superseded' };

interface PanelProps {
  readonly runId: string;
  readonly canDecide: boolean;
  /** After a promotion, so the cards and the map show the new champion. */
  readonly onDecided: () => void;
}

/** What promoting a run's model changes: the move matrix, agreement, offer and share changes, the overlay; Promote / Reject for admins while it waits. */
export function RunReviewPanel({ runId, canDecide, onDecided }: PanelProps) {
  const query = useQuery(RunReviewDocument, { variables: { id: runId }, fetchPolicy: 'network-only' });
  const [promote, promoting] = useMutation(PromoteRunDocument);
  const [reject, rejecting] = useMutation(RejectRunDocument);
  const [reason, setReason] = useState('');
  const run = query.data?.trainingRun ?? null;
  const review = run?.review ?? null;
  const audit = query.data?.modelAudit ?? [];
  if (query.error) return <section className="panel" aria-label="Challenger review"><p role="alert" className="error">{errorMessage(query.error)}</p></section>;
  if (!run || !review) return null;
  const waiting = run.status === 'awaiting-review';
  const decide = async (action: () => Promise<unknown>) => {
    const done = await action().catch(() => null);
    if (done) {
      // The decision stands whatever the refetch does; the reloaded page shows it too.
      await query.refetch().catch(() => undefined);
      onDecided();
    }
  };
  const error = promoting.error ?? rejecting.error;
  return (
    <section className="panel review" aria-labelledby="review-title">
      <h2 id="review-title">Challenger review</h2>
      <p>
        Run {run.id}: version {run.modelVersion} against champion version {review.championVersion}, <strong>{waiting ? 'awaiting review' : run.status}</strong>.
      </p>
      <p className="figures">
        Agreement <strong data-testid="agreement">{pct(review.agreement)}</strong> of {review.customers.toLocaleString('en')} customers ·{' '}
        {review.offerChanges.total.toLocaleString('en')} would get another offer ({review.offerChanges.switched} switched, {review.offerChanges.gained} gained, {review.offerChanges.lost} lost)
      </p>
      <table className="moves" aria-label="Move matrix">
        <caption>Customers from the champion&apos;s segment (rows) to the new model&apos;s (columns)</caption>
        <thead>
          <tr>
            <th scope="col">from \ to</th>
            {review.segments.map((s) => <th key={s} scope="col">{s}</th>)}
          </tr>
        </thead>
        <tbody>
          {review.moves.map((row, from) => (
            <tr key={review.segments[from]}>
              <th scope="row">{review.segments[from]}</th>
              {row.map((n, to) => <td key={review.segments[to]} className={from === to ? 'same' : n > 0 ? 'moved' : undefined}>{n.toLocaleString('en')}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="shares" aria-label="Share changes">
        <thead>
          <tr><th scope="col">Segment</th><th scope="col">Champion</th><th scope="col">New model</th><th scope="col">Change</th></tr>
        </thead>
        <tbody>
          {review.shares.filter((s) => s.champion > 0 || s.challenger > 0).map((s) => (
            <tr key={s.segmentId ?? 'none'}>
              <th scope="row">{s.segmentId ?? 'unassigned'}</th>
              <td>{pct(s.champion)}</td>
              <td>{pct(s.challenger)}</td>
              <td>{pp(s.changePp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.reviewMap && <ReviewOverlay points={run.reviewMap.points} segments={review.segments} />}
      {audit.length > 0 && (
        <ul className="history" aria-label="History">
          {audit.map((entry) => (
            <li key={entry.id}>{PAST[entry.action] ?? entry.action} by {entry.callerName} at {new Date(entry.at).toLocaleString()}{entry.detail.reason ? `: ${entry.detail.reason}` : ''}</li>
          ))}
        </ul>
      )}
      {canDecide && waiting && (
        <div className="decide">
          <button type="button" disabled={promoting.loading || rejecting.loading} onClick={() => decide(() => promote({ variables: { id: run.id } }))}>Promote</button>
          <label className="field">
            Reason for rejecting
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2_000} />
          </label>
          <button type="button" disabled={reason.trim() === '' || promoting.loading || rejecting.loading} onClick={() => decide(() => reject({ variables: { id: run.id, reason } }))}>Reject</button>
        </div>
      )}
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
    </section>
  );
}

interface SectionProps {
  readonly canDecide: boolean;
  /** Changes when a run finished: the run list is read again. */
  readonly reloadKey: number;
  readonly onDecided: () => void;
}

/** The review of the run waiting for a decision, else of the latest decided run (a first run has none: nothing shown). */
export function ReviewSection({ canDecide, reloadKey, onDecided }: SectionProps) {
  const runs = useQuery(ReviewRunsDocument, { fetchPolicy: 'network-only' });
  const { refetch } = runs;
  useEffect(() => {
    if (reloadKey > 0) void refetch();
  }, [reloadKey, refetch]);
  const list = runs.data?.trainingRuns ?? [];
  const run = list.find((r) => r.status === 'awaiting-review') ?? list.find((r) => DECIDED.has(r.status) && r.modelVersion !== null);
  return run ? <RunReviewPanel key={`${run.id}-${reloadKey}`} runId={run.id} canDecide={canDecide} onDecided={onDecided} /> : null;
}
