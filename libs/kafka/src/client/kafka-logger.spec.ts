import { logLevel, type LogEntry } from 'kafkajs';
import { recordingKafkaLogger } from '../testing';
import { kafkaJsLogCreator } from './kafka-logger';

const entry = (level: logLevel, message: string): LogEntry => ({
  namespace: 'Consumer',
  level,
  label: logLevel[level],
  log: { timestamp: '2026-01-31T12:00:00.000Z', message, groupId: 'g1' },
});

describe(kafkaJsLogCreator.name, () => {
  it('should route entries by level with the namespace and extras as context when at or above the threshold', () => {
    const logger = recordingKafkaLogger();
    const log = kafkaJsLogCreator(logger, 'warn')(logLevel.WARN);
    log(entry(logLevel.ERROR, 'crash'));
    log(entry(logLevel.WARN, 'rebalancing'));
    log(entry(logLevel.INFO, 'joined'));
    expect(logger.entries).toEqual([
      { level: 'error', message: 'crash' },
      { level: 'warn', message: 'rebalancing' },
    ]);
  });

  it('should demote the expected idempotent-producer warning to debug when it is logged', () => {
    const quiet = recordingKafkaLogger();
    const verbose = recordingKafkaLogger();
    const warning = entry(logLevel.WARN, 'Limiting retries for the idempotent producer may invalidate EoS guarantees');
    kafkaJsLogCreator(quiet, 'warn')(logLevel.WARN)(warning);
    kafkaJsLogCreator(verbose, 'debug')(logLevel.DEBUG)(warning);
    expect(quiet.entries).toEqual([]);
    expect(verbose.entries).toEqual([{ level: 'debug', message: warning.log.message }]);
  });
});
