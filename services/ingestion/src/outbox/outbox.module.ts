import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

@Module({
  providers: [OutboxRepository, OutboxRelay],
  exports: [OutboxRepository, OutboxRelay],
})
export class OutboxModule {}
