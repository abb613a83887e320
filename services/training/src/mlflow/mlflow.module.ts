import { Global, Module } from '@nestjs/common';
import { MlflowClient } from '@seg/mlflow';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';

@Global()
@Module({
  providers: [{ provide: MlflowClient, inject: [TRAINING_CONFIG], useFactory: (config: TrainingConfig) => new MlflowClient(config.mlflow) }],
  exports: [MlflowClient],
})
export class MlflowModule {}
