import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { checkFirst } from '../graphql-api/graphql-arguments';
import { toTrainingRun } from './training-run.mapper';
import { TrainingRun } from './training-run.model';
import { TrainingRunsRepository } from './training-runs.repository';

@Resolver(() => TrainingRun)
export class TrainingRunsResolver {
  constructor(
    private readonly runs: TrainingRunsRepository,
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
}
