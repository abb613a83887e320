import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { ChampionModule } from '../champion/champion.module';
import { ScoringMetricsModule } from '../metrics/scoring-metrics.module';
import { CustomerFeaturesModule } from '../customer-features/customer-features.module';
import { EraseCustomersModule } from '../erase-customers/erase-customers.module';
import { ModelHealthModule } from '../model-health/model-health.module';
import { CustomerFeaturesConsumer } from './customer-features.consumer';
import { ScoreCustomersUseCase } from './score-customers.usecase';

@Module({
  imports: [CustomerFeaturesModule, AssignmentsModule, ChampionModule, ModelHealthModule, EraseCustomersModule, ScoringMetricsModule],
  providers: [ScoreCustomersUseCase, CustomerFeaturesConsumer],
  exports: [ScoreCustomersUseCase],
})
export class ScoreCustomersModule {}
