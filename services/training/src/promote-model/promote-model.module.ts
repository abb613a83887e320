import { Module } from '@nestjs/common';
import { ModelVersionsModule } from '../model-versions/model-versions.module';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { PromoteModelUseCase } from './promote-model.usecase';

@Module({
  imports: [ModelVersionsModule, TrainingRunsModule],
  providers: [PromoteModelUseCase],
  exports: [PromoteModelUseCase],
})
export class PromoteModelModule {}
