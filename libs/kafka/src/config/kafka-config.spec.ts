import { DEFAULT_KAFKA_CONFIG, KafkaConfigError, kafkaConfigFromEnv } from './kafka-config';

describe(kafkaConfigFromEnv.name, () => {
  it('should return the local defaults when no variable is set', () => {
    expect(kafkaConfigFromEnv({})).toEqual(DEFAULT_KAFKA_CONFIG);
  });

  it('should treat empty variables as unset when they are blank', () => {
    expect(kafkaConfigFromEnv({ KAFKA_BROKERS: ' ', KAFKA_CLIENT_ID: '' })).toEqual(DEFAULT_KAFKA_CONFIG);
  });

  it('should parse every variable when all are valid', () => {
    const config = kafkaConfigFromEnv({
      KAFKA_BROKERS: 'kafka-0.kafka:9092, kafka-1.kafka:9092',
      KAFKA_CLIENT_ID: 'scoring-7f9c',
      KAFKA_LOG_LEVEL: 'INFO',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_CONSUMER_LIVENESS_TIMEOUT_MS: '60000',
      KAFKA_CONSUMER_PROGRESS_TIMEOUT_MS: '600000',
      KAFKA_CONSUMER_LAG_PROBE_MS: '5000',
    });
    expect(config).toEqual({
      brokers: ['kafka-0.kafka:9092', 'kafka-1.kafka:9092'],
      clientId: 'scoring-7f9c',
      logLevel: 'info',
      replicationFactor: 3,
      consumerHealth: { livenessTimeoutMs: 60_000, progressTimeoutMs: 600_000, lagProbeIntervalMs: 5_000 },
    });
  });

  it('should list every invalid variable at once when several are wrong', () => {
    let error: unknown;
    try {
      kafkaConfigFromEnv({
        KAFKA_BROKERS: '127.0.0.1:9092,localhost,host:99999',
        KAFKA_CLIENT_ID: 'bad id!',
        KAFKA_LOG_LEVEL: 'loud',
        KAFKA_REPLICATION_FACTOR: '1.5',
        KAFKA_CONSUMER_PROGRESS_TIMEOUT_MS: '5 min',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KafkaConfigError);
    const problems = (error as KafkaConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems[0]).toContain('"localhost", "host:99999"');
    expect(problems[0]).not.toContain('"127.0.0.1:9092"');
    expect(problems.join('\n')).toMatch(/KAFKA_CLIENT_ID.*KAFKA_LOG_LEVEL.*KAFKA_REPLICATION_FACTOR.*KAFKA_CONSUMER_PROGRESS_TIMEOUT_MS must be a whole number of milliseconds/s);
  });
});
