import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { RescoreUseCase } from './rescore.usecase';

/**
 * Runs re-scores in the background, one at a time in this process: a request during a run is remembered
 * and served by one more run, so a promotion that arrives mid-job is never missed. At boot it resumes an
 * unfinished job or catches up customers left unscored (e.g. stored while there was no champion).
 */
@Injectable()
export class RescoreRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RescoreRunner.name);
  private running: Promise<void> | null = null;
  private requested = false;
  private stopping = false;

  constructor(private readonly rescore: RescoreUseCase) {}

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
    await this.running;
  }

  private async loop(): Promise<void> {
    while (this.requested && !this.stopping) {
      this.requested = false;
      await this.rescore.execute(() => this.stopping).catch((error: Error) => this.logger.error(error.message));
    }
  }
}
