import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { TrainModelCommand } from './train-model.command';
import { TrainModelUseCase } from './train-model.usecase';
import { TrainingInProgressError } from './training-errors';

const JOB_NAME = 'training';

/** Scheduled runs while the service runs, only when TRAINING_CRON is set (the CronJob is the default way). */
@Injectable()
export class TrainModelScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrainModelScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly trainModel: TrainModelUseCase,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  onApplicationBootstrap(): void {
    const expression = this.config.settings.TRAINING_CRON;
    if (expression === '') return;
    const job = CronJob.from({ cronTime: expression, onTick: () => this.tick() });
    this.registry.addCronJob(JOB_NAME, job);
    job.start();
    this.logger.log(`Training runs scheduled: ${expression}`);
  }

  private async tick(): Promise<void> {
    try {
      const run = await this.trainModel.execute(new TrainModelCommand('cron'));
      this.logger.log(`Scheduled training run ${run.id} ${run.status}${run.error === null ? '' : `: ${run.error}`}`);
    } catch (error) {
      // Another run (the CronJob, a mutation) is in progress: skip this tick rather than queue behind it.
      if (!(error instanceof TrainingInProgressError)) throw error;
      this.logger.warn(`Scheduled training run skipped: ${error.message}`);
    }
  }
}
