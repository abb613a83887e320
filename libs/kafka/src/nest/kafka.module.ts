import { Module, type DynamicModule } from '@nestjs/common';
import { KafkaClient } from '../client/kafka-client';
import type { KafkaLogger } from '../client/kafka-logger';
import { kafkaConfigFromEnv, type KafkaConfig } from '../config/kafka-config';
import { KafkaProducer } from '../producer/kafka-producer';
import { KafkaConsumerRegistry } from './kafka-consumer.registry';
import { KAFKA_CLIENT } from './kafka.tokens';
import { nestKafkaLogger } from './nest-kafka-logger';

@Module({})
export class KafkaModule {
  /** Global: one client and one producer per application. The config defaults to the environment. */
  static forRoot(config: KafkaConfig = kafkaConfigFromEnv(), logger: KafkaLogger = nestKafkaLogger()): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_CLIENT, useValue: new KafkaClient(config, logger) },
        { provide: KafkaProducer, inject: [KAFKA_CLIENT], useFactory: (client: KafkaClient) => new KafkaProducer(client) },
        KafkaConsumerRegistry,
      ],
      exports: [KAFKA_CLIENT, KafkaProducer, KafkaConsumerRegistry],
    };
  }
}
