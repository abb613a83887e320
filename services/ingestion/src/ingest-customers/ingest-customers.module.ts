import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { IngestBatchesModule } from '../ingest-batches/ingest-batches.module';
import { OutboxModule } from '../outbox/outbox.module';
import { IngestCustomersUseCase } from './ingest-customers.usecase';

@Module({
  imports: [CustomersModule, IngestBatchesModule, OutboxModule],
  providers: [IngestCustomersUseCase],
  exports: [IngestCustomersUseCase],
})
export class IngestCustomersModule {}
