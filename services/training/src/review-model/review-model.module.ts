import { Module } from '@nestjs/common';
import { ModelAuditModule } from '../model-audit/model-audit.module';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { RejectModelUseCase } from './reject-model.usecase';

@Module({
  imports: [ModelAuditModule, TrainingRunsModule],
  providers: [RejectModelUseCase],
  exports: [RejectModelUseCase],
})
export class ReviewModelModule {}
