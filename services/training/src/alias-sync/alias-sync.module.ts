import { Module } from '@nestjs/common';
import { ModelAuditModule } from '../model-audit/model-audit.module';
import { ModelVersionsModule } from '../model-versions/model-versions.module';
import { TrainingRunsModule } from '../training-runs/training-runs.module';
import { ChampionAliasPoller } from './champion-alias.poller';
import { SyncChampionAliasUseCase } from './sync-champion-alias.usecase';

@Module({
  imports: [ModelAuditModule, ModelVersionsModule, TrainingRunsModule],
  providers: [SyncChampionAliasUseCase, ChampionAliasPoller],
  exports: [SyncChampionAliasUseCase],
})
export class AliasSyncModule {}
