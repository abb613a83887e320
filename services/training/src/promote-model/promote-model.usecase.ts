import { Inject, Injectable } from '@nestjs/common';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ChampionPromoter } from '../model-versions/champion.promoter';
import { RegisteredChampionReader } from '../model-versions/registered-champion.reader';
import { ModelVersionsRepository, type ModelVersionRecord } from '../model-versions/model-versions.repository';
import { evaluatePromotionGate } from '../train-model/promotion-gate';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';
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
    private readonly runs: TrainingRunsRepository,
    private readonly champions: RegisteredChampionReader,
    private readonly promoter: ChampionPromoter,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  async execute(command: PromoteModelCommand): Promise<ModelVersionRecord> {
    const { TRAINING_MIN_SEGMENT_SHARE, TRAINING_SILHOUETTE_MARGIN } = this.config.settings;
    const { candidate, reviewedAgainst } = await this.candidate(command);
    if (!command.force) {
      const champion = await this.champions.current();
      if (champion?.version === candidate.version) return candidate;
      // A review compared the run with a champion that is no longer it (e.g. the alias moved in MLflow since).
      if (reviewedAgainst !== undefined && reviewedAgainst !== (champion?.version ?? null)) {
        throw new PromotionRefusedError(candidate.version, [
          `its review compared it with version ${reviewedAgainst ?? 'none'}, the champion now is ${champion?.version ?? 'none'}: train again to review it against the current champion`,
        ]);
      }
      const gate = evaluatePromotionGate(candidate.bundle, champion?.bundle ?? null, {
        minSegmentShare: TRAINING_MIN_SEGMENT_SHARE,
        silhouetteMargin: TRAINING_SILHOUETTE_MARGIN,
      });
      if (!gate.passed) throw new PromotionRefusedError(candidate.version, gate.reasons);
    }
    return this.promoter.promote(candidate, { forced: command.force, caller: command.caller });
  }

  /** The version to promote and, for a run waiting for review, the champion version its review was made against. */
  private async candidate(command: PromoteModelCommand): Promise<{ candidate: ModelVersionRecord; reviewedAgainst?: string | null }> {
    const modelName = this.config.settings.TRAINING_MODEL_NAME;
    if ('version' in command.target) {
      const candidate = await this.versions.byVersion(modelName, command.target.version);
      if (candidate === null) throw new ModelVersionNotFoundError(`model ${modelName} has no version ${command.target.version} trained by this service`);
      return { candidate };
    }
    const run = await this.runs.byId(command.target.runId);
    if (run === null) throw new ModelVersionNotFoundError(`no training run ${command.target.runId}`);
    const candidate = run.modelVersion === null ? null : await this.versions.byVersion(modelName, run.modelVersion);
    if (candidate === null) throw new ModelVersionNotFoundError(`training run ${run.id} registered no version (status ${run.status})`);
    return run.status === 'awaiting-review' ? { candidate, reviewedAgainst: run.championVersion } : { candidate };
  }
}
