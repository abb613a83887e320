import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { parseCustomerErasedEvent, topicName, Topics, type CustomerErasedEvent } from '@seg/contracts';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { EraseCustomersUseCase } from './erase-customers.usecase';

/**
 * Consumes `customers.erased.v1` (group `<SCORING_CONSUMER_GROUP>-erasures`): each batch of erased customers deleted in one
 * transaction. The features topic's tombstone does the same in the features consumer, in order with the customer's
 * features; this event also reaches a replica whose features consumer is behind.
 */
@Injectable()
export class CustomerErasuresConsumer implements OnModuleInit {
  constructor(
    private readonly registry: KafkaConsumerRegistry,
    private readonly eraseCustomers: EraseCustomersUseCase,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register<CustomerErasedEvent>({
      groupId: `${this.config.settings.SCORING_CONSUMER_GROUP}-erasures`,
      topics: topicName(this.config.settings.SCORING_TOPIC_PREFIX, Topics.customersErased),
      fromBeginning: true,
      validate: parseCustomerErasedEvent,
      handler: (records) => this.eraseCustomers.execute(records.map((record) => record.value.customerId)),
    });
  }
}
