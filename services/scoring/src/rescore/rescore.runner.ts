import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { RescoreUseCase } from './rescore.usecase';

/**
 * Runs re-scores in the background, one at a time in this process: a request during a run is remembered
 * and served by one more run, so a promotion that arrives mid-job is never missed. At boot it resumes an
 * unfinished job or catches up customers left unscored (e.g. stored while there was no champion). A request
 * that meets another replica's job is tried again later: writes this replica committed with the previous
 * champion while that job ran may lie behind its cursor. A failed job (the database or the broker away) is tried
 * again too, later after each failure in a row; customers it already moved onto the champion are skipped.
 */
const MAX_FAILURE_DELAY_MS = 300_000;

@Injectable()
export class RescoreRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RescoreRunner.name);
  private running: Promise<void> | null = null;
  private requested = false;
  private stopping = false;
  private retry: NodeJS.Timeout | null = null;
  private failuresInARow = 0;

  constructor(
    private readonly rescore: RescoreUseCase,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.request();
  }

  /** Starts a run, or one more after the current run; resolves when no run is pending. */
  request(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.requested = true;
    this.running ??= this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Before the database closes: the job stops after its current page and resumes from its cursor at the next boot. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.retry) clearTimeout(this.retry);
    await this.running;
  }

  private async loop(): Promise<void> {
    while (this.requested && !this.stopping) {
      this.requested = false;
      const outcome = await this.rescore.execute(() => this.stopping).then(
        (outcome) => {
          this.failuresInARow = 0;
          return outcome;
        },
        (error: Error) => {
          this.failuresInARow += 1;
          const next = this.stopping ? 'stopping' : this.requested ? 'a request came meanwhile, running it now' : `trying again in ${this.failureDelayMs()} ms`;
          this.logger.error(`${error.message}; ${next}`);
          return 'failed' as const;
        },
      );
      if (this.requested) continue;
      if (outcome === 'locked') this.retryLater(this.config.settings.SCORING_RESCORE_RETRY_MS);
      else if (outcome === 'failed') this.retryLater(this.failureDelayMs());
    }
  }

  /** `SCORING_RESCORE_RETRY_MS` after a first failure, doubling with each one in a row, at most 5 minutes. */
  private failureDelayMs(): number {
    return Math.min(MAX_FAILURE_DELAY_MS, this.config.settings.SCORING_RESCORE_RETRY_MS * 2 ** (this.failuresInARow - 1));
  }

  private retryLater(delayMs: number): void {
    if (this.retry || this.stopping) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.request();
    }, delayMs);
    this.retry.unref();
  }
}
