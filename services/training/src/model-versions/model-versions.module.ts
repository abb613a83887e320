import { Module } from '@nestjs/common';
import { ModelAuditModule } from '../model-audit/model-audit.module';
import { ChampionPromoter } from './champion.promoter';
import { ChampionStore } from './champion.store';
import { ModelVersionsRepository } from './model-versions.repository';

@Module({
  imports: [ModelAuditModule],
  providers: [ModelVersionsRepository, ChampionStore, ChampionPromoter],
  exports: [ModelVersionsRepository, ChampionStore, ChampionPromoter],
})
export class ModelVersionsModule {}
