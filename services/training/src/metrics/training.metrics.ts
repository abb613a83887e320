import { Injectable } from '@nestjs/common';
import { Metrics, readWithin } from '@seg/observability';
import { TrainingRunsRepository, type TrainingRunRecord } from '../training-runs/training-runs.repository';

/** Runs looked at per scrape: far more than finish between two scrapes. */
const RECENT_RUNS = 50;
/** Seconds, from 50 ms (loading a champion) to an hour (a fit on a large sample). */
const STAGE_BUCKETS = [0.05, 0.25, 1, 5, 15, 30, 60, 120, 300, 600, 1_800, 3_600];

/**
 * Training's metrics, read from `training_runs` at scrape time, so that the runs of every process count: this
 * service's (API, schedule) and the CronJob's one-shot pods, which live too briefly to be scraped. Each finished run
 * is counted once by this process (runs by outcome, its stage durations, its gate decision); a restarted process
 * counts the recent history again, which a counter's reset absorbs.
 */
@Injectable()
export class TrainingMetrics {
  constructor(metrics: Metrics, runs: TrainingRunsRepository) {
    const finished = metrics.counter('seg_training_runs_total', 'Finished training runs by outcome (succeeded, failed)', ['outcome']);
    const stages = metrics.histogram('seg_training_stage_duration_seconds', 'Duration of each stage of the finished training runs (fit_* are the fit\'s own steps)', STAGE_BUCKETS, ['stage']);
    const gate = metrics.counter('seg_training_gate_decisions_total', 'Promotion gate decisions of finished runs: passed (promoted) or failed (kept out)', ['decision']);
    const latestFailed = metrics.gauge('seg_training_latest_run_failed', '1 while the latest finished training run failed (until a later one succeeds), else 0');
    const lastFinished = metrics.gauge('seg_training_last_run_timestamp_seconds', 'When the latest finished training run of each outcome ended', ['outcome']);
    const inProgress = metrics.gauge('seg_training_run_in_progress', '1 while a training run is in progress, else 0');
    const counted = new Set<string>();
    const recent = () => readWithin(() => runs.recent(RECENT_RUNS));

    metrics.refreshOnScrape([finished, stages, gate, latestFailed, lastFinished, inProgress], async () => {
      const latest = await recent();
      if (latest === null) return;
      inProgress.set(latest.some((run) => run.status === 'running' || run.status === 'queued') ? 1 : 0);
      const done = latest.filter((run): run is TrainingRunRecord & { finishedAt: Date } => run.finishedAt !== null && (run.status === 'succeeded' || run.status === 'failed'));
      for (const run of done) {
        if (counted.has(run.id)) continue;
        counted.add(run.id);
        finished.inc({ outcome: run.status });
        for (const [stage, ms] of Object.entries(run.timingsMs ?? {})) stages.observe({ stage }, ms / 1_000);
        if (run.gate !== null) gate.inc({ decision: run.gate.passed ? 'passed' : 'failed' });
      }
      // Only runs that can still come back are remembered.
      const recentIds = new Set(latest.map((run) => run.id));
      for (const id of counted) if (!recentIds.has(id)) counted.delete(id);
      const newest = [...done].sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime());
      latestFailed.set(newest[0]?.status === 'failed' ? 1 : 0);
      for (const outcome of ['succeeded', 'failed'] as const) {
        const last = newest.find((run) => run.status === outcome);
        if (last) lastFinished.set({ outcome }, last.finishedAt.getTime() / 1_000);
      }
    });
  }
}
