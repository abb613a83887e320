import { Inject } from '@nestjs/common';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import { withBadUserInput } from '@seg/nest';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import type { TrainingGraphqlContext } from '../graphql-api/training-graphql.context';
import { toTrainingRun } from '../training-runs/training-run.mapper';
import { TrainingRun } from '../training-runs/training-run.model';
import { TrainModelCommand } from './train-model.command';
import { TrainModelUseCase } from './train-model.usecase';
import { TrainingInProgressError } from './training-errors';

@Resolver()
export class TrainModelResolver {
  constructor(
    private readonly trainModelUseCase: TrainModelUseCase,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  @Mutation(() => TrainingRun, { description: 'Starts a training run and returns it at once; poll trainingRun(id) for progress. Audited with the caller.' })
  async trainModel(@Context() context: TrainingGraphqlContext): Promise<TrainingRun> {
    const { run } = await withBadUserInput(() => this.trainModelUseCase.start(new TrainModelCommand('api', context.caller)), TrainingInProgressError);
    return toTrainingRun(run, this.config.mlflow.trackingUri);
  }
}
