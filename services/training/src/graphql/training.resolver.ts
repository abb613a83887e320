import { BadRequestException, Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UserInputError, withBadUserInput } from '@seg/nest';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ModelAuditRepository } from '../model-audit/model-audit.repository';
import { ModelVersionsRepository } from '../model-versions/model-versions.repository';
import { PromoteModelCommand } from '../promote-model/promote-model.command';
import { ModelVersionNotFoundError, PromoteModelUseCase, PromotionRefusedError } from '../promote-model/promote-model.usecase';
import { RejectModelCommand } from '../review-model/reject-model.command';
import { RejectionRefusedError, RejectModelUseCase } from '../review-model/reject-model.usecase';
import { TrainModelCommand } from '../train-model/train-model.command';
import { TrainModelUseCase } from '../train-model/train-model.usecase';
import { TrainingInProgressError } from '../train-model/training-errors';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';
import type { TrainingGraphqlContext } from './training-graphql.context';
import { toModelAuditEntry, toModelVersion, toReviewMap, toTrainingRun } from './training.mapping';
import { ModelAuditEntry, ModelVersion, ReviewMap, TrainingRun } from './training.models';

const MAX_FIRST = 200;
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw new BadRequestException(`first must be between 1 and ${MAX_FIRST}, got ${first}`);
}

function checkRunId(runId: string, argument = 'runId'): void {
  if (!RUN_ID.test(runId)) throw new UserInputError(`${argument} must be a training run id (a UUID), got '${runId.slice(0, 64)}'`, argument);
}

@Resolver(() => TrainingRun)
export class TrainingResolver {
  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly audit: ModelAuditRepository,
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

  @ResolveField(() => ReviewMap, { nullable: true, description: "Old vs new: customers at the champion's PCA positions with both segments (null without a review)" })
  async reviewMap(@Parent() run: TrainingRun): Promise<ReviewMap | null> {
    const map = await this.runs.reviewMap(run.id);
    return map === null ? null : toReviewMap(map);
  }

  @Mutation(() => TrainingRun, { description: 'Starts a training run and returns it at once; poll trainingRun(id) for progress. Audited with the caller.' })
  async trainModel(@Context() context: TrainingGraphqlContext): Promise<TrainingRun> {
    const { run } = await withBadUserInput(() => this.trainModelUseCase.start(new TrainModelCommand('api', context.caller)), TrainingInProgressError);
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
      () => this.promoteModelUseCase.execute(new PromoteModelCommand(target, force, context.caller)),
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
    const run = await withBadUserInput(() => this.rejectModelUseCase.execute(new RejectModelCommand(runId, reason, context.caller)), RejectionRefusedError);
    return toTrainingRun(run, this.config.mlflow.trackingUri);
  }
}
