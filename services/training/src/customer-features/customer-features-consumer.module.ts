import { Module } from '@nestjs/common';
import { CustomerFeaturesConsumer } from './customer-features.consumer';
import { CustomerErasuresConsumer } from '../erase-customers/customer-erasures.consumer';
import { EraseCustomersUseCase } from '../erase-customers/erase-customers.usecase';
import { CustomerFeaturesModule } from './customer-features.module';

/** Only the long-running service consumes; the one-shot CLI trains on what the copy holds. */
@Module({
  imports: [CustomerFeaturesModule],
  providers: [CustomerFeaturesConsumer, EraseCustomersUseCase, CustomerErasuresConsumer],
})
export class CustomerFeaturesConsumerModule {}
