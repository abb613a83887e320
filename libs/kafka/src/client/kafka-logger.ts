import { logLevel as KafkaJsLogLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { KafkaLogLevel } from '../config/kafka-config';

/** The logging surface of libs/kafka; a Nest Logger or console fits it with a one-line adapter. */
export interface KafkaLogger {
  error(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  debug(message: string, context?: Record<string, unknown>): void;
}

export const consoleKafkaLogger: KafkaLogger = {
  error: (message, context) => console.error(`[kafka] ${message}`, context ?? ''),
  warn: (message, context) => console.warn(`[kafka] ${message}`, context ?? ''),
  info: (message, context) => console.info(`[kafka] ${message}`, context ?? ''),
  debug: (message, context) => console.debug(`[kafka] ${message}`, context ?? ''),
};

const TO_KAFKAJS: Record<KafkaLogLevel, KafkaJsLogLevel> = {
  nothing: KafkaJsLogLevel.NOTHING,
  error: KafkaJsLogLevel.ERROR,
  warn: KafkaJsLogLevel.WARN,
  info: KafkaJsLogLevel.INFO,
  debug: KafkaJsLogLevel.DEBUG,
};

export function toKafkaJsLogLevel(level: KafkaLogLevel): KafkaJsLogLevel {
  return TO_KAFKAJS[level];
}

// kafkajs warns on every idempotent producer whose retries are bounded. They are bounded on purpose
// (see KafkaClient): a send must fail within seconds so that the caller does not commit; the rare
// duplicate of a send that failed late is absorbed by idempotent consumers (DESIGN.md, "Events").
const EXPECTED_WARNINGS = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);

/** Routes kafkajs entries to a KafkaLogger, with the kafkajs namespace kept as context. */
export function kafkaJsLogCreator(logger: KafkaLogger, minLevel: KafkaLogLevel): logCreator {
  const threshold = toKafkaJsLogLevel(minLevel);
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const effective = EXPECTED_WARNINGS.has(message) ? KafkaJsLogLevel.DEBUG : level;
      if (effective > threshold) return;
      const context = { namespace, ...extra };
      if (effective === KafkaJsLogLevel.ERROR) logger.error(message, context);
      else if (effective === KafkaJsLogLevel.WARN) logger.warn(message, context);
      else if (effective === KafkaJsLogLevel.INFO) logger.info(message, context);
      else logger.debug(message, context);
    };
}
