import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { AssessModelHealthUseCase } from './assess-model-health.usecase';
import { DriftTracker } from './drift-tracker';

/** Judges the model's health every SCORING_DRIFT_CHECK_MS and rebuilds the population every SCORING_DRIFT_POPULATION_REFRESH_MS (monitoring on). */
@Injectable()
export class ModelHealthScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ModelHealthScheduler.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private checking: Promise<unknown> | null = null;

  constructor(
    private readonly tracker: DriftTracker,
    private readonly assess: AssessModelHealthUseCase,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.tracker.enabled) return;
    const { SCORING_DRIFT_CHECK_MS, SCORING_DRIFT_POPULATION_REFRESH_MS } = this.config.settings;
    // Starts the population rebuild of the champion loaded at boot, before any event arrives.
    this.tracker.current();
    this.timers.push(setInterval(() => this.check(), SCORING_DRIFT_CHECK_MS));
    if (SCORING_DRIFT_POPULATION_REFRESH_MS > 0) this.timers.push(setInterval(() => this.tracker.refreshPopulation(), SCORING_DRIFT_POPULATION_REFRESH_MS));
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.checking;
  }

  private check(): void {
    if (this.checking !== null) return;
    this.checking = this.assess
      .execute()
      .catch((error) => this.logger.warn(`Judging the model's health failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.checking = null));
  }
}
