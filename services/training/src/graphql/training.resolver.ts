import { BadRequestException, Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { IncomingMessage } from 'node:http';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { ModelAuditRepository } from '../model-audit/model-audit.repository';
import { ModelVersionsRepository } from '../model-versions/model-versions.repository';
import { PromoteModelCommand } from '../promote-model/promote-model.command';
import { ModelVersionNotFoundError, PromoteModelUseCase, PromotionRefusedError } from '../promote-model/promote-model.usecase';
import { TrainModelCommand } from '../train-model/train-model.command';
import { TrainModelUseCase } from '../train-model/train-model.usecase';
import { TrainingInProgressError } from '../train-model/training-errors';
import { TrainingRunsRepository } from '../training-runs/training-runs.repository';
import { requestCaller, withBadUserInput } from '@seg/nest';
import { toModelAuditEntry, toModelVersion, toTrainingRun } from './training.mapping';
import { ModelAuditEntry, ModelVersion, TrainingRun } from './training.models';

const MAX_FIRST = 200;

function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw new BadRequestException(`first must be between 1 and ${MAX_FIRST}, got ${first}`);
}

@Resolver()
export class TrainingResolver {
  constructor(
    private readonly runs: TrainingRunsRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly audit: ModelAuditRepository,
    private readonly trainModelUseCase: TrainModelUseCase,
    private readonly promoteModelUseCase: PromoteModelUseCase,
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

  @Query(() => [ModelAuditEntry], { description: 'Who trained and promoted the model, the latest first (first: 1 to 200)' })
  async modelAudit(@Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<ModelAuditEntry[]> {
    checkFirst(first);
    return (await this.audit.recent(this.config.settings.TRAINING_MODEL_NAME, first)).map(toModelAuditEntry);
  }

  @Mutation(() => TrainingRun, { description: 'Starts a training run and returns it at once; poll trainingRun(id) for progress. Recorded in modelAudit' })
  async trainModel(@Context('req') request: IncomingMessage): Promise<TrainingRun> {
    const command = new TrainModelCommand('api', requestCaller(request.headers));
    const { run } = await withBadUserInput(() => this.trainModelUseCase.start(command), TrainingInProgressError);
    return toTrainingRun(run, this.config.mlflow.trackingUri);
  }

  @Mutation(() => ModelVersion, { description: 'Makes a version the champion; the gate applies unless force (recorded on the version and in modelAudit)' })
  async promoteModel(
    @Args('version') version: string,
    @Args('force', { type: () => Boolean, defaultValue: false }) force: boolean,
    @Context('req') request: IncomingMessage,
  ): Promise<ModelVersion> {
    const promoted = await withBadUserInput(
      () => this.promoteModelUseCase.execute(new PromoteModelCommand(version, force, requestCaller(request.headers))),
      ModelVersionNotFoundError,
      PromotionRefusedError,
    );
    return toModelVersion(promoted, this.config.mlflow.trackingUri);
  }
}
