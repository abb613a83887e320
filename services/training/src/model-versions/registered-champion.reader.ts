import { Inject, Injectable } from '@nestjs/common';
import { CHAMPION_ALIAS } from '@seg/contracts';
import { deserializeBundle, type ModelBundle } from '@seg/ml';
import { MlflowClient } from '@seg/mlflow';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ModelVersionsRepository } from './model-versions.repository';

export interface Champion {
  readonly version: string;
  readonly bundle: ModelBundle;
}

/**
 * Reads the champion as registered: MLflow's alias decides which version, the bundle comes from our copy or MLflow.
 * Read afresh on every call (a run compares with it, a promotion checks it); nothing is held in memory.
 */
@Injectable()
export class RegisteredChampionReader {
  constructor(
    private readonly mlflow: MlflowClient,
    private readonly versions: ModelVersionsRepository,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  async current(): Promise<Champion | null> {
    const modelName = this.config.settings.TRAINING_MODEL_NAME;
    const aliased = await this.mlflow.getVersionByAlias(modelName, CHAMPION_ALIAS);
    if (aliased === null) return null;
    const stored = await this.versions.byVersion(modelName, aliased.version);
    const bundle = stored?.bundle ?? deserializeBundle((await this.mlflow.downloadArtifactUri(aliased.source)).toString('utf8'));
    return { version: aliased.version, bundle };
  }
}
