import { Module } from '@nestjs/common';
import { ModelVersionsModule } from '../model-versions/model-versions.module';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { RejectModelUseCase } from './reject-model.usecase';

@Module({
  imports: [ModelVersionsModule, TrainingRunsModule],
  providers: [RejectModelUseCase],
  exports: [RejectModelUseCase],
})
export class ReviewModelModule {}
