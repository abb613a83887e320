import { Inject } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { checkFirst } from '../graphql-api/graphql-arguments';
import { toModelVersion } from './model-version.mapper';
import { ModelVersion } from './model-version.model';
import { ModelVersionsRepository } from './model-versions.repository';

@Resolver()
export class ModelVersionsResolver {
  constructor(
    private readonly versions: ModelVersionsRepository,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  @Query(() => [ModelVersion], { description: 'Registered versions, the latest first (first: 1 to 200)' })
  async models(@Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<ModelVersion[]> {
    checkFirst(first);
    const versions = await this.versions.recent(this.config.settings.TRAINING_MODEL_NAME, first);
    return versions.map((version) => toModelVersion(version, this.config.mlflow.trackingUri));
  }

  @Query(() => ModelVersion, { nullable: true, description: 'The version scoring uses (MLflow alias champion)' })
  async championModel(): Promise<ModelVersion | null> {
    const champion = await this.versions.champion(this.config.settings.TRAINING_MODEL_NAME);
    return champion === null ? null : toModelVersion(champion, this.config.mlflow.trackingUri);
  }
}
