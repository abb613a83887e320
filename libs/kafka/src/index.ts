export * from './config/kafka-config';
export { KafkaClient, createKafkaClient } from './client/kafka-client';
export { consoleKafkaLogger, type KafkaLogger } from './client/kafka-logger';
export * from './admin/provision-topics';
export {
  deleteTopics,
  describeTopics,
  consumerLag,
  fetchCommittedOffsets,
  listTopics,
  topicRecordCount,
  KafkaAdminError,
  type CommittedOffset,
  type TopicDescription,
} from './admin/topic-admin';
export { encodeValue, type OutgoingMessage } from './producer/outgoing-message';
export * from './producer/kafka-producer';
export { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './consumer/backoff';
export { DlqHeaders } from './consumer/dead-letter';
export type { ConsumedRecord, RecordValidator } from './consumer/decode-record';
export * from './consumer/batch-consumer';
export { ConsumerObservers, type ConsumerObserver, type DeadLetterKind, type DeadLetteredRecords, type HandledBatch } from './consumer/consumer-observer';
export { listDlq, dlqTopicsOnCluster, type ListDlqOptions } from './dlq/list-dlq';
export { replayDlq, ReplayFailedError, sentCount, type ReplayDlqOptions, type ReplaySummary } from './dlq/replay-dlq';
export { MAX_REPLAYS, type ReplaySkip } from './dlq/replay-plan';
export type { DlqSelection } from './dlq/dlq-entry';
export type { DlqSummary, DlqReasonCount } from './dlq/dlq-summary';
export { KafkaModule } from './nest/kafka.module';
export { KafkaConsumerRegistry, type ConsumerHandle, type ConsumersHealth } from './nest/kafka-consumer.registry';
export { KAFKA_CLIENT } from './nest/kafka.tokens';
export { nestKafkaLogger } from './nest/nest-kafka-logger';
