import { mlflowRunUrl, type TrainingRunRecord } from '../training-runs/training-runs.repository';

/** What `train --once` prints: JSON with --json, else a few readable lines. */
export function formatTrainingSummary(run: TrainingRunRecord, trackingUri: string, json: boolean): string {
  const summary = {
    runId: run.id,
    status: run.status,
    mlflowRunId: run.mlflowRunId,
    mlflowUrl: mlflowRunUrl(trackingUri, run.mlflowExperimentId, run.mlflowRunId),
    modelVersion: run.modelVersion,
    metrics: run.metrics,
    segments: Object.fromEntries(Object.entries(run.metrics ?? {}).filter(([key]) => key.startsWith('share_')).map(([key, v]) => [key.slice(6), v])),
    gate: run.gate === null ? null : { passed: run.gate.passed, reasons: run.gate.reasons },
    error: run.error,
    timingsMs: run.timingsMs,
  };
  if (json) return JSON.stringify(summary, null, 2);
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  return [
    `training run ${summary.runId}: ${summary.status}${summary.error === null ? '' : ` — ${summary.error}`}`,
    `MLflow run: ${summary.mlflowUrl ?? 'none'}${summary.modelVersion === null ? '' : ` (model version ${summary.modelVersion})`}`,
    `metrics: ${Object.entries(run.metrics ?? {}).filter(([key]) => !key.startsWith('share_')).map(([k, v]) => `${k} ${Number(v.toFixed(4))}`).join(', ') || 'none'}`,
    `segments: ${Object.entries(summary.segments).map(([id, share]) => `${id} ${pct(share)}`).join(', ') || 'none'}`,
    `gate: ${summary.gate === null ? 'not evaluated' : summary.gate.passed ? 'passed, promoted to champion' : `refused — ${summary.gate.reasons.join('; ')}`}`,
    `timings (ms): ${Object.entries(run.timingsMs ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  ].join('\n');
}
