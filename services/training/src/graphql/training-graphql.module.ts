import { Module } from '@nestjs/common';
import { ModelAuditModule } from '../model-audit/model-audit.module';
import { ModelVersionsModule } from '../model-versions/model-versions.module';
import { PromoteModelModule } from '../promote-model/promote-model.module';
import { ReviewModelModule } from '../review-model/review-model.module';
import { TrainModelModule } from '../train-model/train-model.module';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { TrainingResolver } from './training.resolver';

@Module({
  imports: [TrainingRunsModule, ModelVersionsModule, ModelAuditModule, TrainModelModule, PromoteModelModule, ReviewModelModule],
  providers: [TrainingResolver],
})
export class TrainingGraphqlModule {}
