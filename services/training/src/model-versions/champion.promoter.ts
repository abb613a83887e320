import { Inject, Injectable } from '@nestjs/common';
import { Topics, type ModelPromotedEvent } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { MlflowClient } from '@seg/mlflow';
import { TRAINING_CONFIG, topicName, type TrainingConfig } from '../config/training.config';
import { CHAMPION_ALIAS } from './champion.store';
import type { ModelVersionRecord } from './model-version.record';
import { ModelVersionsRepository } from './model-versions.repository';

/**
 * Makes a version the champion: the MLflow alias first (what scoring trusts), then our copy, then
 * `models.promoted.v1`. A failure after the alias moved leaves the alias as the truth; promoting again
 * repeats the remaining steps.
 */
@Injectable()
export class ChampionPromoter {
  constructor(
    private readonly mlflow: MlflowClient,
    private readonly versions: ModelVersionsRepository,
    private readonly producer: KafkaProducer,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  async promote(version: ModelVersionRecord, forced: boolean): Promise<ModelVersionRecord> {
    const promotedAt = new Date();
    await this.mlflow.setAlias(version.modelName, CHAMPION_ALIAS, version.version);
    const champion = await this.versions.markChampion(version.modelName, version.version, forced, promotedAt);
    const event: ModelPromotedEvent = {
      modelName: version.modelName,
      version: version.version,
      runId: version.mlflowRunId,
      bundleUri: version.bundleUri,
      promotedAt: promotedAt.toISOString(),
      metrics: version.metrics,
    };
    await this.producer.send(topicName(this.config, Topics.modelsPromoted), [{ key: version.modelName, value: event }]);
    return champion;
  }
}
