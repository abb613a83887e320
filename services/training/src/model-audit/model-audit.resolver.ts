import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { checkFirst, checkRunId } from '../graphql-api/graphql-arguments';
import { toModelAuditEntry } from './model-audit.mapper';
import { ModelAuditEntry } from './model-audit.model';
import { ModelAuditRepository } from './model-audit.repository';

@Resolver()
export class ModelAuditResolver {
  constructor(
    private readonly audit: ModelAuditRepository,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  @Query(() => [ModelAuditEntry], {
    description:
      "Who trained, promoted, rejected or superseded the model, people and the platform (gate, newer-run, mlflow), the latest first (first: 1 to 200); only a run's entries with trainingRunId",
  })
  async modelAudit(
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('trainingRunId', { type: () => ID, nullable: true }) trainingRunId: string | undefined,
  ): Promise<ModelAuditEntry[]> {
    checkFirst(first);
    if (trainingRunId) checkRunId(trainingRunId, 'trainingRunId');
    return (await this.audit.recent(this.config.settings.TRAINING_MODEL_NAME, first, trainingRunId ?? null)).map(toModelAuditEntry);
  }
}
