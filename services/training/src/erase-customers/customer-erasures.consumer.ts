import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { parseCustomerErasedEvent, topicName, Topics, type CustomerErasedEvent } from '@seg/contracts';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { EraseCustomersUseCase } from './erase-customers.usecase';

/** Consumes `customers.erased.v1` (group `<TRAINING_CONSUMER_GROUP>-erasures`): each batch erased in one transaction. */
@Injectable()
export class CustomerErasuresConsumer implements OnModuleInit {
  constructor(
    private readonly registry: KafkaConsumerRegistry,
    private readonly eraseCustomers: EraseCustomersUseCase,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register<CustomerErasedEvent>({
      groupId: `${this.config.settings.TRAINING_CONSUMER_GROUP}-erasures`,
      topics: topicName(this.config.settings.TRAINING_TOPIC_PREFIX, Topics.customersErased),
      fromBeginning: true,
      validate: parseCustomerErasedEvent,
      handler: (records) => this.eraseCustomers.execute(records.map((record) => record.value.customerId)),
    });
  }
}
