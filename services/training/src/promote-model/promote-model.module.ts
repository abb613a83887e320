import { Module } from '@nestjs/common';
import { ModelVersionsModule } from '../model-versions/model-versions.module';
import { PromoteModelUseCase } from './promote-model.usecase';

@Module({
  imports: [ModelVersionsModule],
  providers: [PromoteModelUseCase],
  exports: [PromoteModelUseCase],
})
export class PromoteModelModule {}
