import { Module } from '@nestjs/common';
import { ChampionModule } from '../champion/champion.module';
import { CustomerFeaturesModule } from '../customer-features/customer-features.module';
import { AssessModelHealthUseCase } from './assess-model-health.usecase';
import { DriftStateRepository } from './drift-state.repository';
import { DriftTracker } from './drift-tracker';
import { ModelHealthMetrics } from './model-health.metrics';
import { ModelHealthResolver } from './model-health.resolver';
import { ModelHealthScheduler } from './model-health.scheduler';

@Module({
  imports: [ChampionModule, CustomerFeaturesModule],
  providers: [DriftTracker, DriftStateRepository, AssessModelHealthUseCase, ModelHealthMetrics, ModelHealthScheduler, ModelHealthResolver],
  exports: [DriftTracker, AssessModelHealthUseCase],
})
export class ModelHealthModule {}
