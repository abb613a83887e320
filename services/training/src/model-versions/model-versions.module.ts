import { Module } from '@nestjs/common';
import { ChampionPromoter } from './champion.promoter';
import { ChampionStore } from './champion.store';
import { ModelVersionsRepository } from './model-versions.repository';

@Module({
  providers: [ModelVersionsRepository, ChampionStore, ChampionPromoter],
  exports: [ModelVersionsRepository, ChampionStore, ChampionPromoter],
})
export class ModelVersionsModule {}
