import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, type ModelPromotedEvent } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { MlflowClient } from '@seg/mlflow';
import type { RequestCaller } from '@seg/nest';
import { TRAINING_CONFIG, topicName, type TrainingConfig } from '../config/training.config';
import { ModelAuditRepository } from '../model-audit/model-audit.repository';
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
    private readonly audit: ModelAuditRepository,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  /** `promotedBy`: the caller of promoteModel, recorded in the model audit with the change (none for a run's own gate). */
  async promote(version: ModelVersionRecord, forced: boolean, promotedBy: RequestCaller | null = null): Promise<ModelVersionRecord> {
    const promotedAt = new Date();
    await this.mlflow.setAlias(version.modelName, CHAMPION_ALIAS, version.version);
    const recordAudit =
      promotedBy === null
        ? undefined
        : (manager: EntityManager) =>
            this.audit.record(manager, {
              action: 'promote',
              modelName: version.modelName,
              modelVersion: version.version,
              trainingRunId: version.trainingRunId,
              caller: promotedBy,
              detail: { force: forced },
            });
    const champion = await this.versions.markChampion(version.modelName, version.version, forced, promotedAt, recordAudit);
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
