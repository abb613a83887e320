import { Module } from '@nestjs/common';
import { ModelAuditModule } from '../model-audit/model-audit.module';
import { ModelAuditResolver } from '../model-audit/model-audit.resolver';
import { ModelVersionsModule } from '../model-versions/model-versions.module';
import { ModelVersionsResolver } from '../model-versions/model-versions.resolver';
import { PromoteModelModule } from '../promote-model/promote-model.module';
import { PromoteModelResolver } from '../promote-model/promote-model.resolver';
import { ReviewModelModule } from '../review-model/review-model.module';
import { ReviewModelResolver } from '../review-model/review-model.resolver';
import { TrainModelModule } from '../train-model/train-model.module';
import { TrainModelResolver } from '../train-model/train-model.resolver';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { TrainingRunsResolver } from '../training-runs/training-runs.resolver';

/**
 * The training subgraph's resolvers, from their feature folders. Their order is the order of their fields on Query
 * and Mutation in `schema.graphql`.
 */
@Module({
  imports: [TrainingRunsModule, ModelVersionsModule, ModelAuditModule, TrainModelModule, PromoteModelModule, ReviewModelModule],
  providers: [TrainingRunsResolver, ModelVersionsResolver, ModelAuditResolver, TrainModelResolver, PromoteModelResolver, ReviewModelResolver],
})
export class TrainingGraphqlModule {}
