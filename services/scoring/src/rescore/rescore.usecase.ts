import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { scoreBatch } from '../assignments/scored-batch';
import { SegmentEventsPublisher } from '../assignments/segment-events.publisher';
import { ChampionStore, type Champion } from '../champion/champion.store';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { splitBatch, type FeatureBatch } from '../customer-features/feature-batch';
import type { RescoreJobRecord } from './rescore-job.record';
import { RescoreJobsRepository } from './rescore-jobs.repository';
import { RescoreLock } from './rescore.lock';

/** What a re-score request did: ran a job (its record afterwards), found every customer on the champion, or left the work to the process holding the lock. */
export type RescoreOutcome = RescoreJobRecord | 'nothing-to-do' | 'locked';

/**
 * Brings every stored customer onto the current champion: resumes a job a crash left running (from its
 * cursor), or starts one when some customer is not scored by the champion. Keyset pages in customer id
 * order of the customers not on the champion yet, each page written by `SCORING_RESCORE_WRITERS` transactions at
 * once (assignments and history of a run of its customers, its moves published before it commits), then its
 * progress saved; the next page is read while the current one is written. A newer champion supersedes the job.
 */
@Injectable()
export class RescoreUseCase {
  private readonly logger = new Logger(RescoreUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly features: CustomerFeaturesRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly publisher: SegmentEventsPublisher,
    private readonly champions: ChampionStore,
    private readonly jobs: RescoreJobsRepository,
    private readonly lock: RescoreLock,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  /** `shouldStop` is asked between pages: a stopped job stays running, to be resumed from its cursor. */
  async execute(shouldStop: () => boolean = () => false): Promise<RescoreOutcome> {
    const champion = this.champions.current();
    if (champion === null) return 'nothing-to-do';
    const lease = await this.lock.tryAcquire();
    if (lease === null) return 'locked';
    try {
      let job = await this.jobs.unfinished();
      if (job !== null && job.modelVersion !== champion.version) {
        await this.jobs.finish(job.id, 'superseded', `model version ${champion.version} became the champion first`);
        job = null;
      }
      if (job === null) {
        if (!(await this.jobs.anyCustomerNotScoredBy(champion.version))) return 'nothing-to-do';
        job = await this.jobs.create(champion.version, await this.jobs.countNotScoredBy(champion.version));
      } else {
        this.logger.log(`Resuming re-score job ${job.id} (model version ${job.modelVersion}) after customer ${job.cursor ?? '(none)'}`);
      }
      await this.run(job, champion, shouldStop);
      return (await this.jobs.latest()) ?? job;
    } finally {
      await lease.release();
    }
  }

  private async run(job: RescoreJobRecord, champion: Champion, shouldStop: () => boolean): Promise<void> {
    const started = Date.now();
    const pageSize = this.config.settings.SCORING_RESCORE_PAGE_SIZE;
    const writers = this.config.settings.SCORING_RESCORE_WRITERS;
    const reader = this.dataSource.createQueryRunner();
    try {
      const readAfter = (cursor: string | null): Promise<FeatureBatch> => {
        const page = this.features.pageNotScoredBy(reader, champion.version, cursor, pageSize);
        page.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
        return page;
      };
      let page = await readAfter(job.cursor);
      while (page.customerIds.length > 0) {
        if (shouldStop()) return;
        if (this.champions.current()?.version !== champion.version) {
          await this.jobs.finish(job.id, 'superseded', `model version ${this.champions.current()?.version} became the champion during the job`);
          return;
        }
        const cursor = page.customerIds[page.customerIds.length - 1];
        const next = page.customerIds.length === pageSize ? readAfter(cursor) : null;
        const scoredAt = new Date();
        // Runs of consecutive customers written at once, each in its own transaction: one PostgreSQL backend per
        // run, one run's publication overlapping the other's statements. A run's moves are published before it
        // commits: a failed send leaves its customers off the champion, for the resumed job; a feature batch
        // writing the same customers waits for the commit, so its events follow these. The progress follows the
        // commits; a crash in between leaves customers already on the champion, which the resumed job's pages skip.
        const runs = splitBatch(page, writers).map((run) => {
          const scored = scoreBatch(champion.bundle, run);
          return this.dataSource.transaction(async (manager) => {
            const moves = await this.assignments.upsert(manager, scored, champion.version, scoredAt, 'moves');
            await this.publisher.publish(moves, champion.version, scoredAt);
          });
        });
        // Every run settled before a failure ends the job: a retry must not meet this job's writes still running.
        const failed = (await Promise.allSettled(runs)).find((outcome) => outcome.status === 'rejected');
        if (failed) throw failed.reason;
        await this.jobs.advance(job.id, page.customerIds.length, cursor);
        page = next === null ? { customerIds: [], matrix: { rows: 0, cols: page.matrix.cols, data: new Float64Array(0) }, updatedAt: [] } : await next;
      }
      await this.jobs.finish(job.id, 'succeeded', null);
      this.logger.log(`Re-score job ${job.id} (model version ${champion.version}) done in ${Date.now() - started} ms`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.jobs.finish(job.id, 'failed', reason).catch(() => undefined);
      throw new RescoreFailedError(job.id, reason, error);
    } finally {
      await reader.release();
    }
  }
}

export class RescoreFailedError extends Error {
  constructor(jobId: string, reason: string, cause: unknown) {
    super(`Re-score job ${jobId} failed: ${reason}`, { cause });
    this.name = 'RescoreFailedError';
  }
}
