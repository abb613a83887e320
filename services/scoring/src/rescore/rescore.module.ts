import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { ChampionModule } from '../champion/champion.module';
import { CustomerFeaturesModule } from '../customer-features/customer-features.module';
import { ModelPromotedConsumer } from './model-promoted.consumer';
import { RescoreJobsRepository } from './rescore-jobs.repository';
import { RescoreLock } from './rescore.lock';
import { RescoreRunner } from './rescore.runner';
import { RescoreUseCase } from './rescore.usecase';

@Module({
  imports: [CustomerFeaturesModule, AssignmentsModule, ChampionModule],
  providers: [RescoreJobsRepository, RescoreLock, RescoreUseCase, RescoreRunner, ModelPromotedConsumer],
  exports: [RescoreJobsRepository, RescoreUseCase, RescoreRunner],
})
export class RescoreModule {}
