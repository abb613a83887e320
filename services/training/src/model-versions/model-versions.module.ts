import { Module } from '@nestjs/common';
import { ModelAuditModule } from '../model-audit/model-audit.module';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { ChampionAliasRepository } from './champion-alias.repository';
import { ChampionPromoter } from './champion.promoter';
import { ChampionStore } from './champion.store';
import { ModelVersionsRepository } from './model-versions.repository';

@Module({
  imports: [TrainingRunsModule, ModelAuditModule],
  providers: [ModelVersionsRepository, ChampionStore, ChampionPromoter, ChampionAliasRepository],
  exports: [ModelVersionsRepository, ChampionStore, ChampionPromoter, ChampionAliasRepository],
})
export class ModelVersionsModule {}
