import { IngestionMetrics } from '../metrics/ingestion.metrics';
import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

// IngestionMetrics lives here: it reads the outbox's backlog and the relay counts what it publishes.
@Module({
  providers: [OutboxRepository, OutboxRelay, IngestionMetrics],
  exports: [OutboxRepository, OutboxRelay, IngestionMetrics],
})
export class OutboxModule {}
