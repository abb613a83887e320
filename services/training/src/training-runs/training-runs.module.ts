import { Module } from '@nestjs/common';
import { TrainingRunsRepository } from './training-runs.repository';

@Module({
  providers: [TrainingRunsRepository],
  exports: [TrainingRunsRepository],
})
export class TrainingRunsModule {}
