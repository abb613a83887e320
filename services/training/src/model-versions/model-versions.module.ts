import { Module } from '@nestjs/common';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { ChampionAliasRepository } from './champion-alias.repository';
import { ChampionPromoter } from './champion.promoter';
import { ChampionStore } from './champion.store';
import { ModelVersionsRepository } from './model-versions.repository';
import { PromotionDecisionsRepository } from './promotion-decisions.repository';

@Module({
  imports: [TrainingRunsModule],
  providers: [ModelVersionsRepository, ChampionStore, ChampionPromoter, ChampionAliasRepository, PromotionDecisionsRepository],
  exports: [ModelVersionsRepository, ChampionStore, ChampionPromoter, ChampionAliasRepository, PromotionDecisionsRepository],
})
export class ModelVersionsModule {}
