import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { EraseCustomersResolver } from './erase-customers.resolver';
import { EraseCustomersUseCase } from './erase-customers.usecase';

@Module({
  imports: [OutboxModule],
  providers: [EraseCustomersUseCase, EraseCustomersResolver],
})
export class EraseCustomersModule {}
