import { Module } from '@nestjs/common';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { TrainingMetrics } from './training.metrics';

@Module({ imports: [TrainingRunsModule], providers: [TrainingMetrics] })
export class TrainingMetricsModule {}
