import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CHAMPION_ALIAS } from '@seg/contracts';
import { MlflowClient } from '@seg/mlflow';
import type { DataSource } from 'typeorm';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ModelAuditRepository, PLATFORM_CALLERS } from '../model-audit/model-audit.repository';
import { ChampionAliasRepository } from '../model-versions/champion-alias.repository';
import { championLockKey, ChampionPromoter } from '../model-versions/champion.promoter';
import { ModelVersionsRepository } from '../model-versions/model-versions.repository';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';

/**
 * Publishes a promotion made in MLflow (the alias `champion` moved in its UI or API): compares the alias with the
 * one last published (`champion_alias`, or our champion flag before the first publication), and on a difference
 * moves our flag, audits it (decided by `mlflow`) and sends `models.promoted.v1`, all in one transaction under the
 * champion lock, so one replica publishes it once and no promotion of ours interleaves. The bundle is not checked
 * here: scoring validates it and refuses a missing or invalid one.
 */
@Injectable()
export class SyncChampionAliasUseCase {
  private readonly logger = new Logger(SyncChampionAliasUseCase.name);

  constructor(
    private readonly mlflow: MlflowClient,
    private readonly versions: ModelVersionsRepository,
    private readonly aliases: ChampionAliasRepository,
    private readonly audit: ModelAuditRepository,
    private readonly runs: TrainingRunsRepository,
    private readonly promoter: ChampionPromoter,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  /** The version published, or null when the alias is unchanged, unset, or another replica holds the lock. */
  async execute(): Promise<string | null> {
    const modelName = this.config.settings.TRAINING_MODEL_NAME;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [championLockKey(this.config)]);
      if (!locked) return null;
      // Read under the lock: a promotion of ours moves the alias only while holding it.
      const aliased = await this.mlflow.getVersionByAlias(modelName, CHAMPION_ALIAS);
      if (aliased === null) return null;
      const published = (await this.aliases.published(manager, modelName)) ?? (await this.versions.champion(modelName))?.version ?? null;
      if (published === aliased.version) {
        // Before the first publication the flag is the record; from now on, the row.
        await this.aliases.record(manager, modelName, aliased.version, new Date());
        return null;
      }
      const promotedAt = new Date();
      const ours = await this.versions.markChampion(manager, modelName, aliased.version, false, promotedAt);
      if (ours?.trainingRunId) await this.runs.decideReview(manager, ours.trainingRunId, 'succeeded');
      await this.audit.record(manager, {
        action: 'promote',
        modelName,
        modelVersion: aliased.version,
        trainingRunId: ours?.trainingRunId ?? null,
        caller: PLATFORM_CALLERS.mlflow,
        detail: { reason: `the alias ${CHAMPION_ALIAS} was moved in MLflow from version ${published ?? 'none'}` },
      });
      await this.promoter.publish(manager, modelName, aliased.version, aliased.runId ?? ours?.mlflowRunId ?? 'mlflow', aliased.source, ours?.metrics ?? {}, promotedAt);
      this.logger.log(`The alias ${CHAMPION_ALIAS} of ${modelName} was moved in MLflow to version ${aliased.version}${ours === null ? ' (not trained here)' : ''}: published`);
      return aliased.version;
    });
  }
}
