import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CHAMPION_ALIAS, topicName, Topics, type ModelPromotedEvent } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { MlflowClient } from '@seg/mlflow';
import type { RequestCaller } from '@seg/nest';
import type { DataSource, EntityManager } from 'typeorm';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ModelAuditRepository } from '../model-audit/model-audit.repository';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';
import { ChampionAliasRepository } from './champion-alias.repository';
import { ModelVersionsRepository, type ModelVersionRecord } from './model-versions.repository';

/** Who promotes: the admin who called promoteModel, or the gate (`PLATFORM_CALLERS.gate`) for a run it passed in auto mode. */
export interface PromotionOptions {
  readonly forced: boolean;
  readonly caller: RequestCaller;
}

/** The advisory lock that serialises every change of the champion in a schema (promotions here and the alias sync). */
export function championLockKey(config: TrainingConfig): string {
  return `champion:${config.settings.TRAINING_DB_SCHEMA}:${config.settings.TRAINING_MODEL_NAME}`;
}

/**
 * Makes a version the champion, under the champion lock in one transaction: the MLflow alias first (what scoring
 * trusts), our copy, the alias as published, the audit (who, when) and, when its run waited for review, the run's
 * decision, then `models.promoted.v1` before the commit. A failure after the alias moved rolls our side back and
 * leaves the alias as the truth: the alias sync finds it unpublished and publishes it.
 */
@Injectable()
export class ChampionPromoter {
  constructor(
    private readonly mlflow: MlflowClient,
    private readonly versions: ModelVersionsRepository,
    private readonly aliases: ChampionAliasRepository,
    private readonly audit: ModelAuditRepository,
    private readonly runs: TrainingRunsRepository,
    private readonly producer: KafkaProducer,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  async promote(version: ModelVersionRecord, options: PromotionOptions): Promise<ModelVersionRecord> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [championLockKey(this.config)]);
      await this.mlflow.setAlias(version.modelName, CHAMPION_ALIAS, version.version);
      const champion = (await this.versions.markChampion(manager, version.modelName, version.version, options.forced, new Date())) as ModelVersionRecord;
      if (version.trainingRunId !== null) await this.runs.decideReview(manager, version.trainingRunId, 'succeeded');
      await this.audit.record(manager, {
        action: 'promote',
        modelName: version.modelName,
        modelVersion: version.version,
        trainingRunId: version.trainingRunId,
        caller: options.caller,
        detail: { force: options.forced },
      });
      await this.publish(manager, version.modelName, version.version, version.mlflowRunId, version.bundleUri, version.metrics, champion.promotedAt ?? new Date());
      return champion;
    });
  }

  /** Records the alias as published and sends `models.promoted.v1`, in the caller's transaction under the champion lock. */
  async publish(manager: EntityManager, modelName: string, version: string, runId: string, bundleUri: string, metrics: Record<string, number>, promotedAt: Date): Promise<void> {
    await this.aliases.record(manager, modelName, version, promotedAt);
    const event: ModelPromotedEvent = { modelName, version, runId, bundleUri, promotedAt: promotedAt.toISOString(), metrics };
    await this.producer.send(topicName(this.config.settings.TRAINING_TOPIC_PREFIX, Topics.modelsPromoted), [{ key: modelName, value: event }]);
  }
}
