import { Kafka } from 'kafkajs';
import type { KafkaConfig } from '../config/kafka-config';
import { registerCompressionCodecs } from './compression-codecs';
import { consoleKafkaLogger, kafkaJsLogCreator, toKafkaJsLogLevel, type KafkaLogger } from './kafka-logger';

// kafkajs' defaults (300 ms doubling to 30 s, 1 s connect timeout; unbounded retries for an
// idempotent producer) are sized for a remote cluster; on a local or in-cluster broker a failure is
// real after a few seconds, and services, tests and CLIs should say so instead of hanging.
const RETRY = { initialRetryTime: 100, maxRetryTime: 5_000, retries: 5 } as const;
const CONNECTION_TIMEOUT_MS = 3_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * One configured connection to the cluster, shared by the producer, the consumers and the admin
 * helpers of this library. The kafkajs instance stays inside libs/kafka.
 */
export class KafkaClient {
  /** @internal for libs/kafka only: nothing outside this library may depend on kafkajs. */
  readonly kafka: Kafka;

  constructor(
    readonly config: KafkaConfig,
    readonly logger: KafkaLogger = consoleKafkaLogger,
  ) {
    registerCompressionCodecs();
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: [...config.brokers],
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      retry: RETRY,
      logLevel: toKafkaJsLogLevel(config.logLevel),
      logCreator: kafkaJsLogCreator(logger, config.logLevel),
    });
  }
}

export function createKafkaClient(config: KafkaConfig, logger?: KafkaLogger): KafkaClient {
  return new KafkaClient(config, logger);
}
