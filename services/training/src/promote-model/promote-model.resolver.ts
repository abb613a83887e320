import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { UserInputError, withBadUserInput } from '@seg/nest';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { checkRunId } from '../graphql-api/graphql-arguments';
import type { TrainingGraphqlContext } from '../graphql-api/training-graphql.context';
import { toModelVersion } from '../model-versions/model-version.mapper';
import { ModelVersion } from '../model-versions/model-version.model';
import { PromoteModelCommand } from './promote-model.command';
import { ModelVersionNotFoundError, PromoteModelUseCase, PromotionRefusedError } from './promote-model.usecase';

@Resolver()
export class PromoteModelResolver {
  constructor(
    private readonly promoteModelUseCase: PromoteModelUseCase,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  @Mutation(() => ModelVersion, {
    description:
      'Makes a version the champion, named by version or by the training run that made it (e.g. one awaiting review); the gate applies unless force (recorded). Audited with the caller.',
  })
  async promoteModel(
    @Context() context: TrainingGraphqlContext,
    @Args('version', { type: () => String, nullable: true }) version: string | undefined,
    @Args('runId', { type: () => ID, nullable: true }) runId: string | undefined,
    @Args('force', { type: () => Boolean, defaultValue: false }) force: boolean,
  ): Promise<ModelVersion> {
    // An argument left out arrives as undefined, one given as null as null: both mean "not given".
    if ((version ?? null) === null && (runId ?? null) === null) throw new UserInputError('give either version or runId', 'version');
    if ((version ?? null) !== null && (runId ?? null) !== null) throw new UserInputError('give either version or runId', 'runId');
    if (runId) checkRunId(runId);
    const target = runId ? { runId } : { version: version as string };
    const promoted = await withBadUserInput(
      () => this.promoteModelUseCase.execute(new PromoteModelCommand(target, force, context.caller)),
      ModelVersionNotFoundError,
      PromotionRefusedError,
    );
    return toModelVersion(promoted, this.config.mlflow.trackingUri);
  }
}
