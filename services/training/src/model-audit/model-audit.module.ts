import { Module } from '@nestjs/common';
import { ModelAuditRepository } from './model-audit.repository';

@Module({
  providers: [ModelAuditRepository],
  exports: [ModelAuditRepository],
})
export class ModelAuditModule {}
