import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createFeaturesEventValidator, topicName, Topics, type CustomerFeaturesEvent } from '@seg/contracts';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { TRAINING_CONFIG, type TrainingConfig } from '../config/training.config';
import { EraseCustomersUseCase } from '../erase-customers/erase-customers.usecase';
import { CustomerFeaturesRepository } from './customer-features.repository';
import { latestFeatureRows } from './feature-columns';

/**
 * Keeps `customer_features` in step with `customers.features.v1`: one bulk upsert per handler call,
 * offsets committed after it (libs/kafka), invalid records to `customers.features.dlq.v1`. A replay
 * rewrites nothing.
 */
@Injectable()
export class CustomerFeaturesConsumer implements OnModuleInit {
  constructor(
    private readonly registry: KafkaConsumerRegistry,
    private readonly repository: CustomerFeaturesRepository,
    private readonly eraseCustomers: EraseCustomersUseCase,
    @Inject(TRAINING_CONFIG) private readonly config: TrainingConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register<CustomerFeaturesEvent | null>({
      groupId: this.config.settings.TRAINING_CONSUMER_GROUP,
      topics: topicName(this.config.settings.TRAINING_TOPIC_PREFIX, Topics.customersFeatures),
      fromBeginning: true,
      maxBatchSize: this.config.settings.TRAINING_KAFKA_BATCH_SIZE,
      validate: createFeaturesEventValidator(),
      // A tombstone is an erasure: erased first, so none of the batch's records of that customer is stored again.
      tombstones: true,
      handler: async (records) => {
        await this.eraseCustomers.execute(records.flatMap((record) => (record.value === null && record.key !== null ? [record.key] : [])));
        const events = records.flatMap((record) => (record.value === null ? [] : [record.value]));
        if (events.length > 0) await this.repository.upsert(latestFeatureRows(events));
      },
    });
  }
}
