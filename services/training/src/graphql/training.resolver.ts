import { BadRequestException, Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserInputError, withBadUserInput } from '@seg/nest';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ModelVersionsRepository } from '../model-versions/model-versions.repository';
import { PromotionDecisionsRepository } from '../model-versions/promotion-decisions.repository';
import { PromoteModelCommand } from '../promote-model/promote-model.command';
import { ModelVersionNotFoundError, PromoteModelUseCase, PromotionRefusedError } from '../promote-model/promote-model.usecase';
import { RejectModelCommand } from '../review-model/reject-model.command';
import { RejectionRefusedError, RejectModelUseCase } from '../review-model/reject-model.usecase';
import { TrainModelCommand } from '../train-model/train-model.command';
import { TrainModelUseCase } from '../train-model/train-model.usecase';
import { TrainingInProgressError } from '../train-model/training-errors';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';
import type { TrainingGraphqlContext } from './request-caller';
import { toModelVersion, toPromotionDecision, toReviewMap, toTrainingRun } from './training.mapping';
import { ModelVersion, PromotionDecision, ReviewMap, TrainingRun } from './training.models';

const MAX_FIRST = 200;
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw new BadRequestException(`first must be between 1 and ${MAX_FIRST}, got ${first}`);
}

function checkRunId(runId: string): void {
  if (!RUN_ID.test(runId)) throw new UserInputError(`runId must be a training run id (a UUID), got '${runId.slice(0, 64)}'`, 'runId');
}

@Resolver(() => TrainingRun)
export class TrainingResolver {
  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly decisionLog: PromotionDecisionsRepository,
    private readonly trainModelUseCase: TrainModelUseCase,
    private readonly promoteModelUseCase: PromoteModelUseCase,
    private readonly rejectModelUseCase: RejectModelUseCase,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  @Query(() => TrainingRun, { nullable: true })
  async trainingRun(@Args('id', { type: () => ID }) id: string): Promise<TrainingRun | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const run = await this.runs.byId(id);
    return run === null ? null : toTrainingRun(run, this.config.mlflow.trackingUri);
  }

  @Query(() => [TrainingRun], { description: 'The latest runs first (first: 1 to 200)' })
  async trainingRuns(@Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<TrainingRun[]> {
    checkFirst(first);
    return (await this.runs.recent(first)).map((run) => toTrainingRun(run, this.config.mlflow.trackingUri));
  }

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

  @Query(() => [PromotionDecision], { description: 'The audit of promotions, rejections and supersessions, the latest first (first: 1 to 200)' })
  async promotionDecisions(@Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<PromotionDecision[]> {
    checkFirst(first);
    return (await this.decisionLog.recent(this.config.settings.TRAINING_MODEL_NAME, first)).map(toPromotionDecision);
  }

  @ResolveField(() => ReviewMap, { nullable: true, description: "Old vs new: customers at the champion's PCA positions with both segments (null without a review)" })
  async reviewMap(@Parent() run: TrainingRun): Promise<ReviewMap | null> {
    const map = await this.runs.reviewMap(run.id);
    return map === null ? null : toReviewMap(map);
  }

  @ResolveField(() => [PromotionDecision], { description: "The audited decisions on this run's model, the latest first" })
  async decisions(@Parent() run: TrainingRun): Promise<PromotionDecision[]> {
    return (await this.decisionLog.forRun(run.id)).map(toPromotionDecision);
  }

  @Mutation(() => TrainingRun, { description: 'Starts a training run and returns it at once; poll trainingRun(id) for progress' })
  async trainModel(): Promise<TrainingRun> {
    const { run } = await withBadUserInput(() => this.trainModelUseCase.start(new TrainModelCommand('api')), TrainingInProgressError);
    return toTrainingRun(run, this.config.mlflow.trackingUri);
  }

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
      () => this.promoteModelUseCase.execute(new PromoteModelCommand(target, force, context.caller.id)),
      ModelVersionNotFoundError,
      PromotionRefusedError,
    );
    return toModelVersion(promoted, this.config.mlflow.trackingUri);
  }

  @Mutation(() => TrainingRun, { description: 'Rejects the model of a run awaiting review, with a reason; the champion stays. Audited with the caller.' })
  async rejectModel(
    @Context() context: TrainingGraphqlContext,
    @Args('runId', { type: () => ID }) runId: string,
    @Args('reason') reason: string,
  ): Promise<TrainingRun> {
    checkRunId(runId);
    const run = await withBadUserInput(() => this.rejectModelUseCase.execute(new RejectModelCommand(runId, reason, context.caller.id)), RejectionRefusedError);
    return toTrainingRun(run, this.config.mlflow.trackingUri);
  }
}
