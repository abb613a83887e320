import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createFeaturesEventValidator, topicName, Topics, type CustomerFeaturesEvent } from '@seg/contracts';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import { EraseCustomersUseCase } from '../erase-customers/erase-customers.usecase';
import { ScoringMetrics } from '../metrics/scoring.metrics';
import { ScoreCustomersCommand } from './score-customers.command';
import { ScoreCustomersUseCase } from './score-customers.usecase';

/**
 * Scores `customers.features.v1` as it arrives: one transaction per handler call, offsets committed after
 * it and after the publication (libs/kafka), invalid records to `customers.features.dlq.v1`.
 */
@Injectable()
export class CustomerFeaturesConsumer implements OnModuleInit {
  constructor(
    private readonly registry: KafkaConsumerRegistry,
    private readonly scoreCustomers: ScoreCustomersUseCase,
    private readonly eraseCustomers: EraseCustomersUseCase,
    private readonly metrics: ScoringMetrics,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register<CustomerFeaturesEvent | null>({
      groupId: this.config.settings.SCORING_CONSUMER_GROUP,
      topics: topicName(this.config.settings.SCORING_TOPIC_PREFIX, Topics.customersFeatures),
      fromBeginning: true,
      maxBatchSize: this.config.settings.SCORING_KAFKA_BATCH_SIZE,
      // A features event is ~600 bytes: kafkajs' default 1 MiB fetch would cut every batch to ~1,700 records,
      // and the fixed cost of a batch (fetch, transaction, statements, publish, commit) would dominate.
      maxBytesPerPartition: this.config.settings.SCORING_KAFKA_BATCH_SIZE * 1_024,
      partitionsConsumedConcurrently: this.config.settings.SCORING_KAFKA_PARTITIONS_CONCURRENTLY,
      // The contract's rules without zod's per-event cost; an invalid event still goes to the DLQ with zod's reason.
      validate: createFeaturesEventValidator(),
      // A tombstone is an erasure (ingestion's eraseCustomer): erased first, so that none of the batch's records of that
      // customer, before or after it, is stored again (erasures are for good, whatever the records' order).
      tombstones: true,
      handler: async (records) => {
        const erased = records.flatMap((record) => (record.value === null && record.key !== null ? [record.key] : []));
        await this.eraseCustomers.execute(erased);
        const events = records.flatMap((record) => (record.value === null ? [] : [record.value]));
        if (events.length > 0) this.metrics.scored(await this.scoreCustomers.execute(new ScoreCustomersCommand(events)));
      },
    });
  }
}
