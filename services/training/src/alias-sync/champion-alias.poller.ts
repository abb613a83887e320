import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { SyncChampionAliasUseCase } from './sync-champion-alias.usecase';

/**
 * Reads the MLflow alias every TRAINING_ALIAS_POLL_MS. Polling rather than MLflow 3's webhooks: those are
 * experimental, need the SQL backend and a reachable receiver, and a missed call would be missed for good; a poll
 * of one small request every 30 s finds every change, also one made while the service was down.
 */
@Injectable()
export class ChampionAliasPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChampionAliasPoller.name);
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<unknown> | null = null;

  constructor(
    private readonly sync: SyncChampionAliasUseCase,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.settings.TRAINING_ALIAS_POLL_MS;
    if (every > 0) this.timer = setInterval(() => this.poll(), every);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.polling;
  }

  private poll(): void {
    if (this.polling !== null) return;
    this.polling = this.sync
      .execute()
      .catch((error) => this.logger.warn(`Reading the champion alias failed (tried again in ${this.config.settings.TRAINING_ALIAS_POLL_MS} ms): ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.polling = null));
  }
}
