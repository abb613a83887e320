import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/error-message';
import { TrainingRunDocument, TrainModelDocument } from '../gql/graphql';

interface Props {
  /** Called once when a run finishes, so the cards and the map show the new champion. */
  readonly onFinished: () => void;
}

const POLL_MS = 1_000;
// A run awaiting review is finished for this section: the review panel takes over.
const FINISHED = new Set(['succeeded', 'failed', 'awaiting-review']);

export function TrainSection({ onFinished }: Props) {
  const [runId, setRunId] = useState<string | null>(null);
  const [train, started] = useMutation(TrainModelDocument);
  const run = useQuery(TrainingRunDocument, { variables: { id: runId ?? '' }, skip: runId === null, pollInterval: POLL_MS, fetchPolicy: 'network-only' });
  const current = run.data?.trainingRun ?? null;
  const finished = current !== null && FINISHED.has(current.status);
  const reported = useRef<string | null>(null);

  useEffect(() => {
    if (!finished || !current || reported.current === current.id) return;
    reported.current = current.id;
    run.stopPolling();
    onFinished();
  }, [finished, current, run, onFinished]);

  const start = async () => {
    const result = await train().catch(() => null);
    if (result?.data) setRunId(result.data.trainModel.id);
  };

  const running = runId !== null && !finished;
  const error = started.error ? errorMessage(started.error) : run.error ? errorMessage(run.error) : null;
  return (
    <section className="panel" aria-labelledby="train-title">
      <h2 id="train-title">Train / Refresh</h2>
      <p className="hint">Fits a new model on the current customers; the gate decides whether it replaces the champion (in review mode, an admin after the gate).</p>
      <button type="button" onClick={start} disabled={started.loading || running}>{running ? 'Training…' : 'Train'}</button>
      {error && <p role="alert" className="error">{error}</p>}
      {current && (
        <div className="run" aria-live="polite">
          <p>Run {current.id}: <strong>{current.status}</strong>, stage {current.stage}</p>
          <progress max={100} value={current.progress} aria-label="Training progress">{current.progress} %</progress>
          {current.error && <p className="error">The run failed: {current.error}</p>}
          {current.gate && (
            <div className="gate">
              <p><strong>{current.gate.passed ? (current.status === 'awaiting-review' ? `Awaiting review: version ${current.modelVersion} passed the gate; promote or reject it in the review.` : `Promoted: version ${current.modelVersion} is the new champion.`) : `Not promoted: version ${current.modelVersion ?? '?'} did not pass the gate.`}</strong></p>
              <ul>
                {current.gate.checks.map((c) => <li key={c.rule}>{c.passed ? '✓' : '✗'} {c.rule}: {c.detail}</li>)}
              </ul>
            </div>
          )}
          {current.mlflowRunUrl && <p><a href={current.mlflowRunUrl} target="_blank" rel="noreferrer">Open the run in MLflow</a></p>}
        </div>
      )}
    </section>
  );
}
