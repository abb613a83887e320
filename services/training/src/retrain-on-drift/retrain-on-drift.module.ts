import { Module } from '@nestjs/common';
import { TrainModelModule } from '../train-model/train-model.module';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { ModelHealthConsumer } from './model-health.consumer';

@Module({ imports: [TrainModelModule, TrainingRunsModule], providers: [ModelHealthConsumer] })
export class RetrainOnDriftModule {}
