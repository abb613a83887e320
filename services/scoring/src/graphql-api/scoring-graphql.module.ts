import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { ChampionModule } from '../champion/champion.module';
import { ScoringModelResolver } from '../champion/scoring-model.resolver';
import { CustomerResolver } from '../customers/customer.resolver';
import { PcaPointsResolver } from '../pca-map/pca-points.resolver';
import { PredictSegmentResolver } from '../predict-segment/predict-segment.resolver';
import { RescoreProgressResolver } from '../rescore/rescore-progress.resolver';
import { RescoreModule } from '../rescore/rescore.module';
import { SegmentResolver } from '../segments/segment.resolver';
import { SimilarCustomerResolver } from '../similar-customer/similar-customer.resolver';
import { ScoringLoadersFactory } from './scoring.loaders';

/**
 * The scoring subgraph's resolvers, from their feature folders, and the per-request DataLoaders. The order of the
 * resolvers is the order of their fields on Query in `schema.graphql`.
 */
@Module({
  imports: [AssignmentsModule, ChampionModule, RescoreModule],
  providers: [
    ScoringLoadersFactory,
    SegmentResolver,
    PcaPointsResolver,
    PredictSegmentResolver,
    SimilarCustomerResolver,
    RescoreProgressResolver,
    ScoringModelResolver,
    CustomerResolver,
  ],
  exports: [ScoringLoadersFactory],
})
export class ScoringGraphqlModule {}
