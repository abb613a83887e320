import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { ChampionModule } from '../champion/champion.module';
import { RescoreModule } from '../rescore/rescore.module';
import { CustomerResolver } from './customer.resolver';
import { ScoringLoadersFactory } from './scoring.loaders';
import { ScoringResolver } from './scoring.resolver';
import { SegmentResolver } from './segment.resolver';

@Module({
  imports: [AssignmentsModule, ChampionModule, RescoreModule],
  providers: [ScoringLoadersFactory, ScoringResolver, CustomerResolver, SegmentResolver],
  exports: [ScoringLoadersFactory],
})
export class ScoringGraphqlModule {}
