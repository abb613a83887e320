import { Module } from '@nestjs/common';
import { CustomerFeaturesModule } from '../customer-features/customer-features.module';
import { ModelAuditModule } from '../model-audit/model-audit.module';
import { ModelVersionsModule } from '../model-versions/model-versions.module';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { TrainModelUseCase } from './train-model.usecase';
import { TrainingLock } from './training.lock';

@Module({
  imports: [CustomerFeaturesModule, ModelAuditModule, ModelVersionsModule, TrainingRunsModule],
  providers: [TrainModelUseCase, TrainingLock],
  exports: [TrainModelUseCase],
})
export class TrainModelModule {}
