import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { topicName, Topics } from '@seg/contracts';
import { KafkaConsumerRegistry } from '@seg/kafka';
import { INGESTION_CONFIG, type IngestionConfig } from '../config/ingestion.config';
import { IngestCustomersCommand } from '../ingest-customers/ingest-customers.command';
import { IngestCustomersUseCase } from '../ingest-customers/ingest-customers.usecase';
import { rawEventsToChunk, rawEventValidator, type ValidRawEvent } from './raw-event-chunk';

/**
 * Consumes `customers.raw.v1`: invalid records go to `customers.raw.dlq.v1` with the reason (libs/kafka),
 * each handler call of valid ones is one `kafka` ingest batch (one batch record, one transaction), and
 * offsets are committed after it. A replay after a crash finds the rows unchanged: nothing is re-published.
 */
@Injectable()
export class RawEventsConsumer implements OnModuleInit {
  constructor(
    private readonly registry: KafkaConsumerRegistry,
    private readonly ingest: IngestCustomersUseCase,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {}

  onModuleInit(): void {
    const { INGESTION_CONSUMER_GROUP, INGESTION_KAFKA_BATCH_SIZE, INGESTION_MAX_FUTURE_MS } = this.config.settings;
    this.registry.register<ValidRawEvent>({
      groupId: INGESTION_CONSUMER_GROUP,
      topics: topicName(this.config.settings.INGESTION_TOPIC_PREFIX, Topics.customersRaw),
      fromBeginning: true,
      maxBatchSize: INGESTION_KAFKA_BATCH_SIZE,
      validate: rawEventValidator(INGESTION_MAX_FUTURE_MS),
      handler: async (records) => {
        await this.ingest.execute(new IngestCustomersCommand('kafka', null, [rawEventsToChunk(records)]));
      },
    });
  }
}
