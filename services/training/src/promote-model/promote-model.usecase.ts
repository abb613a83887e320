import { Inject, Injectable } from '@nestjs/common';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ChampionPromoter } from '../model-versions/champion.promoter';
import { ChampionStore } from '../model-versions/champion.store';
import type { ModelVersionRecord } from '../model-versions/model-version.record';
import { ModelVersionsRepository } from '../model-versions/model-versions.repository';
import { evaluatePromotionGate } from '../train-model/promotion-gate';
import type { PromoteModelCommand } from './promote-model.command';

export class ModelVersionNotFoundError extends Error {
  override readonly name = 'ModelVersionNotFoundError';
}

export class PromotionRefusedError extends Error {
  override readonly name = 'PromotionRefusedError';
  constructor(version: string, readonly reasons: readonly string[]) {
    super(`version ${version} was not promoted: ${reasons.join('; ')} (promote with force to override)`);
  }
}

@Injectable()
export class PromoteModelUseCase {
  constructor(
    private readonly versions: ModelVersionsRepository,
    private readonly champions: ChampionStore,
    private readonly promoter: ChampionPromoter,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  async execute(command: PromoteModelCommand): Promise<ModelVersionRecord> {
    const { TRAINING_MODEL_NAME, TRAINING_MIN_SEGMENT_SHARE, TRAINING_SILHOUETTE_MARGIN } = this.config.settings;
    const candidate = await this.versions.byVersion(TRAINING_MODEL_NAME, command.version);
    if (candidate === null) throw new ModelVersionNotFoundError(`model ${TRAINING_MODEL_NAME} has no version ${command.version} trained by this service`);
    if (!command.force) {
      const champion = await this.champions.current();
      if (champion?.version === candidate.version) return candidate;
      const gate = evaluatePromotionGate(candidate.bundle, champion?.bundle ?? null, {
        minSegmentShare: TRAINING_MIN_SEGMENT_SHARE,
        silhouetteMargin: TRAINING_SILHOUETTE_MARGIN,
      });
      if (!gate.passed) throw new PromotionRefusedError(candidate.version, gate.reasons);
    }
    return this.promoter.promote(candidate, command.force, command.promotedBy);
  }
}
