import { Global, Module } from '@nestjs/common';
import { MlflowClient } from '@seg/mlflow';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';

@Global()
@Module({
  providers: [{ provide: MlflowClient, inject: [SCORING_CONFIG], useFactory: (config: ScoringConfig) => new MlflowClient(config.mlflow) }],
  exports: [MlflowClient],
})
export class MlflowModule {}
