import { Injectable } from '@nestjs/common';
import { Metrics, readWithin } from '@seg/observability';
import { ChampionHolder } from '../champion/champion.holder';
import { RescoreJobsRepository } from '../rescore/rescore-jobs.repository';
import type { ScoreCustomersResult } from '../score-customers/score-customers.usecase';

/**
 * Scoring's own metrics. Counted after each committed batch: feature changes stored and assignments written. Read at
 * scrape time: the champion (an info metric, its version as a label) and the latest re-score job from its table (so
 * every replica reports the job the lock holder runs; take max() across replicas). Every value a scrape reads is bounded
 * in time (readWithin). The drift signals are model-health's (model-health/model-health.metrics.ts).
 */
@Injectable()
export class ScoringMetrics {
  private readonly featuresStored;
  private readonly assignmentsWritten;

  constructor(metrics: Metrics, champions: ChampionHolder, jobs: RescoreJobsRepository) {
    this.featuresStored = metrics.counter('seg_scoring_features_stored_total', 'Customers whose stored features changed (new or newer state), from customers.features.v1');
    this.assignmentsWritten = metrics.counter('seg_scoring_assignments_written_total', 'Assignments inserted or changed by feature events, after their commit');
    metrics.gauge('seg_scoring_champion_info', 'The champion model scoring uses: 1, with its version and where it was loaded from (mlflow or cache)', ['model', 'version', 'source'], function collect() {
      this.reset();
      const champion = champions.current();
      if (champion !== null) this.set({ model: champions.modelName, version: champion.version, source: champion.source }, 1);
    });
    const latestJob = () => readWithin(() => jobs.latest());
    const customers = metrics.gauge('seg_scoring_rescore_customers', 'Customers of the latest re-score job: total to re-score and done so far', ['state']);
    const running = metrics.gauge('seg_scoring_rescore_running', '1 while a re-score job runs (any replica), else 0');
    const duration = metrics.gauge('seg_scoring_rescore_last_duration_seconds', 'How long the latest finished re-score job ran, whatever its outcome');
    const info = metrics.gauge('seg_scoring_rescore_info', 'The latest re-score job: 1, with its model version and status (running, succeeded, failed, superseded)', ['version', 'status']);
    metrics.refreshOnScrape([customers, running, duration, info], async () => {
      const job = await latestJob();
      if (job === null) return;
      info.reset();
      info.set({ version: job.modelVersion, status: job.status }, 1);
      customers.set({ state: 'total' }, job.total);
      customers.set({ state: 'done' }, job.done);
      running.set(job.status === 'running' ? 1 : 0);
      if (job.finishedAt !== null) duration.set((job.finishedAt.getTime() - job.startedAt.getTime()) / 1_000);
    });
  }

  /** After a batch of feature events committed. */
  scored(result: ScoreCustomersResult): void {
    this.featuresStored.inc(result.featuresChanged);
    this.assignmentsWritten.inc(result.assignmentsChanged);
  }
}
