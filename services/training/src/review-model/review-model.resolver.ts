import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { withBadUserInput } from '@seg/nest';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { checkRunId } from '../graphql-api/graphql-arguments';
import type { TrainingGraphqlContext } from '../graphql-api/training-graphql.context';
import { toTrainingRun } from '../training-runs/training-run.mapper';
import { TrainingRun } from '../training-runs/training-run.model';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';
import { toReviewMap } from './challenger-review.mapper';
import { ReviewMap } from './challenger-review.model';
import { RejectModelCommand } from './reject-model.command';
import { RejectionRefusedError, RejectModelUseCase } from './reject-model.usecase';

@Resolver(() => TrainingRun)
export class ReviewModelResolver {
  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly rejectModelUseCase: RejectModelUseCase,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  @ResolveField(() => ReviewMap, { nullable: true, description: "Old vs new: customers at the champion's PCA positions with both segments (null without a review)" })
  async reviewMap(@Parent() run: TrainingRun): Promise<ReviewMap | null> {
    const map = await this.runs.reviewMap(run.id);
    return map === null ? null : toReviewMap(map);
  }

  @Mutation(() => TrainingRun, { description: 'Rejects the model of a run awaiting review, with a reason; the champion stays. Audited with the caller.' })
  async rejectModel(
    @Context() context: TrainingGraphqlContext,
    @Args('runId', { type: () => ID }) runId: string,
    @Args('reason') reason: string,
  ): Promise<TrainingRun> {
    checkRunId(runId);
    const run = await withBadUserInput(() => this.rejectModelUseCase.execute(new RejectModelCommand(runId, reason, context.caller)), RejectionRefusedError);
    return toTrainingRun(run, this.config.mlflow.trackingUri);
  }
}
