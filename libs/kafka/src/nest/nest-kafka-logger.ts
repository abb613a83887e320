import { Logger } from '@nestjs/common';
import type { KafkaLogger } from '../client/kafka-logger';

/** kafkajs and consumer logs through Nest's logger, so they share the service's format and level. */
export function nestKafkaLogger(logger = new Logger('Kafka')): KafkaLogger {
  const line = (message: string, context?: Record<string, unknown>) => (context ? `${message} ${JSON.stringify(context)}` : message);
  return {
    error: (message, context) => logger.error(line(message, context)),
    warn: (message, context) => logger.warn(line(message, context)),
    info: (message, context) => logger.log(line(message, context)),
    debug: (message, context) => logger.debug(line(message, context)),
  };
}
