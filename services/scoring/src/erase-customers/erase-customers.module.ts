import { Module } from '@nestjs/common';
import { CustomerErasuresConsumer } from './customer-erasures.consumer';
import { EraseCustomersUseCase } from './erase-customers.usecase';

@Module({
  providers: [EraseCustomersUseCase, CustomerErasuresConsumer],
  exports: [EraseCustomersUseCase],
})
export class EraseCustomersModule {}
