import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { scoreBatch } from '../assignments/scored-batch';
import { SegmentEventsPublisher } from '../assignments/segment-events.publisher';
import { ChampionHolder, type Champion } from '../champion/champion.holder';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { CustomerFeaturesRepository } from '../customer-features/customer-features.repository';
import { ErasureGuard, withoutPositions } from '@seg/db';
import { selectCustomers, splitBatch, type FeatureBatch } from '../customer-features/feature-batch';
import { RescoreJobsRepository, type RescoreJobRecord } from './rescore-jobs.repository';
import { RescoreLock } from './rescore.lock';

/** What a re-score request did: ran a job (its record afterwards), found every customer on the champion, or left the work to the process holding the lock. */
export type RescoreOutcome = RescoreJobRecord | 'nothing-to-do' | 'locked';

/**
 * Brings every stored customer onto the current champion: resumes a job a crash left running (from its
 * cursor), or starts one when some customer is not scored by the champion. Keyset pages in customer id
 * order of the customers not on the champion yet, cut into runs of consecutive customers, each run written by its
 * own transaction (assignments and history, its moves published before it commits), `SCORING_RESCORE_WRITERS` at
 * once across page boundaries (no core waits for the slowest run of a page); the progress follows the runs'
 * commits in order, and the next page is read while the current one is written. A newer champion supersedes the job.
 */
@Injectable()
export class RescoreUseCase {
  private readonly logger = new Logger(RescoreUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly features: CustomerFeaturesRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly publisher: SegmentEventsPublisher,
    private readonly champions: ChampionHolder,
    private readonly jobs: RescoreJobsRepository,
    private readonly lock: RescoreLock,
    private readonly erasures: ErasureGuard,
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
    const reader = this.dataSource.createQueryRunner();
    // Runs being written, oldest first. Each commits on its own; the job's progress passes a run only once it and
    // every run before it committed, so a crash leaves the cursor behind every uncommitted customer.
    const writing: { write: Promise<void>; customers: number; last: string }[] = [];
    const commitOldest = async (): Promise<void> => {
      const oldest = writing[0];
      await oldest.write;
      writing.shift();
      await this.jobs.advance(job.id, oldest.customers, oldest.last);
    };
    try {
      let stopped = false;
      for await (const run of this.runs(reader, champion, job.cursor)) {
        stopped = shouldStop();
        if (stopped) break;
        if (this.champions.current()?.version !== champion.version) {
          while (writing.length > 0) await commitOldest();
          await this.jobs.finish(job.id, 'superseded', `model version ${this.champions.current()?.version} became the champion during the job`);
          return;
        }
        if (writing.length === this.config.settings.SCORING_RESCORE_WRITERS) await commitOldest();
        const scored = scoreBatch(champion.bundle, run);
        const scoredAt = new Date();
        // A run's moves are published before it commits: a failed send leaves its customers off the champion, for
        // the resumed job; a feature batch writing the same customers waits for the commit, so its events follow these.
        const write = this.dataSource.transaction(async (manager) => {
          // A customer erased since the page was read is left out (rare: the run is scored again without them).
          const erased = await this.erasures.admit(manager, run.customerIds);
          const kept = erased.size === 0 ? scored : scoreBatch(champion.bundle, selectCustomers(run, new Set(withoutPositions(run.customerIds, erased))));
          const moves = await this.assignments.upsert(manager, kept, champion.version, scoredAt, 'moves');
          await this.publisher.publish(moves, champion.version, scoredAt);
        });
        write.catch(() => undefined); // awaited in order by commitOldest; this only keeps a failure from being "unhandled" meanwhile
        writing.push({ write, customers: run.customerIds.length, last: run.customerIds[run.customerIds.length - 1] });
      }
      while (writing.length > 0) await commitOldest();
      if (stopped) return;
      await this.jobs.finish(job.id, 'succeeded', null);
      this.logger.log(`Re-score job ${job.id} (model version ${champion.version}) done in ${Date.now() - started} ms`);
    } catch (error) {
      // Every write settled before a failure ends the job: a retry must not meet this job's writes still running.
      await Promise.allSettled(writing.map((run) => run.write));
      const reason = error instanceof Error ? error.message : String(error);
      await this.jobs.finish(job.id, 'failed', reason).catch(() => undefined);
      throw new RescoreFailedError(job.id, reason, error);
    } finally {
      await reader.release();
    }
  }

  /**
   * The customers not on the champion after `cursor`, as runs of consecutive customers: each keyset page cut into
   * `SCORING_RESCORE_WRITERS` runs, the next page read while this one's runs are written.
   */
  private async *runs(reader: QueryRunner, champion: Champion, cursor: string | null): AsyncGenerator<FeatureBatch> {
    const pageSize = this.config.settings.SCORING_RESCORE_PAGE_SIZE;
    const readAfter = (after: string | null): Promise<FeatureBatch> => {
      const page = this.features.pageNotScoredBy(reader, champion.version, after, pageSize);
      page.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
      return page;
    };
    let page: Promise<FeatureBatch> | null = readAfter(cursor);
    while (page !== null) {
      const current: FeatureBatch = await page;
      const { customerIds } = current;
      if (customerIds.length === 0) return;
      page = customerIds.length === pageSize ? readAfter(customerIds[customerIds.length - 1]) : null;
      yield* splitBatch(current, this.config.settings.SCORING_RESCORE_WRITERS);
    }
  }
}

export class RescoreFailedError extends Error {
  constructor(jobId: string, reason: string, cause: unknown) {
    super(`Re-score job ${jobId} failed: ${reason}`, { cause });
    this.name = 'RescoreFailedError';
  }
}
