import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { parseModelHealthEvent, Topics, type ModelHealthEvent } from '@seg/contracts';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { TRAINING_CONFIG, topicName, type TrainingConfig } from '../config/training.config';
import { TrainModelCommand } from '../train-model/train-model.command';
import { TrainModelUseCase } from '../train-model/train-model.usecase';
import { TrainingInProgressError } from '../train-model/training-errors';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';

/**
 * With TRAINING_RETRAIN_ON_DRIFT: a `models.health.v1` change to `alert` starts a training run (trigger `drift`),
 * unless a drift run started less than TRAINING_RETRAIN_MIN_INTERVAL_MS ago (the runs table is the memory, so the
 * interval holds across replicas and restarts) or a run is in progress. The gate and the promotion mode still
 * decide what becomes of the model. One group for the replicas: each change is handled once.
 */
@Injectable()
export class ModelHealthConsumer implements OnModuleInit {
  private readonly logger = new Logger(ModelHealthConsumer.name);

  constructor(
    private readonly registry: KafkaConsumerRegistry,
    private readonly trainModel: TrainModelUseCase,
    private readonly runs: TrainingRunsRepository,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.settings.TRAINING_RETRAIN_ON_DRIFT) return;
    this.registry.register<ModelHealthEvent>({
      groupId: this.config.settings.TRAINING_HEALTH_GROUP,
      topics: topicName(this.config, Topics.modelsHealth),
      // An alert from before this service ran is history, not a reason to train now.
      fromBeginning: false,
      validate: parseModelHealthEvent,
      handler: async (records) => {
        const alert = records.map((r) => r.value).find((e) => e.modelName === this.config.settings.TRAINING_MODEL_NAME && e.status === 'alert');
        if (alert !== undefined) await this.retrain(alert);
      },
    });
  }

  private async retrain(alert: ModelHealthEvent): Promise<void> {
    const last = await this.runs.lastStartedBy('drift');
    const interval = this.config.settings.TRAINING_RETRAIN_MIN_INTERVAL_MS;
    if (last !== null && Date.now() - last.getTime() < interval) {
      this.logger.log(`Drift alert on version ${alert.version}: no run, the last drift run started at ${last.toISOString()} (interval ${interval} ms)`);
      return;
    }
    try {
      const { run } = await this.trainModel.start(new TrainModelCommand('drift'));
      this.logger.log(`Drift alert on version ${alert.version}: training run ${run.id} started`);
    } catch (error) {
      if (!(error instanceof TrainingInProgressError)) throw error;
      this.logger.log(`Drift alert on version ${alert.version}: a training run is already in progress`);
    }
  }
}
