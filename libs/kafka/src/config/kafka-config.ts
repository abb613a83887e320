export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const LOG_LEVELS: readonly KafkaLogLevel[] = ['nothing', 'error', 'warn', 'info', 'debug'];

export interface KafkaConfig {
  /** host:port of the bootstrap brokers. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** kafkajs log entries below this level are dropped. */
  readonly logLevel: KafkaLogLevel;
  /** Replication factor of provisioned topics. */
  readonly replicationFactor: number;
  /** When the consumers of this client call themselves wedged (see ConsumerHealthSettings); defaults when unset. */
  readonly consumerHealth?: ConsumerHealthSettings;
}

/** What liveness asks of a consumer: signs of work, and progress where there is something to consume. */
export interface ConsumerHealthSettings {
  /** No sign of work (a fetch, a heartbeat, a handler attempt, a backoff step) for this long: wedged. */
  readonly livenessTimeoutMs: number;
  /** Lag on an assigned partition and no offset committed on it for this long, while not backing off an outage: wedged. */
  readonly progressTimeoutMs: number;
  /** How often the consumer asks the broker for its partitions' end offsets, so lag is known even when it fetches nothing. */
  readonly lagProbeIntervalMs: number;
}

export const DEFAULT_CONSUMER_HEALTH: ConsumerHealthSettings = { livenessTimeoutMs: 120_000, progressTimeoutMs: 300_000, lagProbeIntervalMs: 15_000 };

export const DEFAULT_KAFKA_CONFIG: KafkaConfig = {
  brokers: ['127.0.0.1:9092'],
  clientId: 'segmentation',
  logLevel: 'warn',
  replicationFactor: 1,
  consumerHealth: DEFAULT_CONSUMER_HEALTH,
};

/** Lists every invalid variable at once, so a misconfigured deployment is fixed in one go. */
export class KafkaConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid Kafka configuration: ${problems.join('; ')}`);
    this.name = 'KafkaConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const CLIENT_ID = /^[A-Za-z0-9._-]+$/;

function parseBroker(entry: string): string | null {
  const match = /^([^\s:]+):(\d{1,5})$/.exec(entry);
  if (!match) return null;
  const port = Number(match[2]);
  return port >= 1 && port <= 65_535 ? entry : null;
}

/**
 * Reads KAFKA_BROKERS (comma-separated host:port), KAFKA_CLIENT_ID, KAFKA_LOG_LEVEL, KAFKA_REPLICATION_FACTOR and the
 * consumers' KAFKA_CONSUMER_LIVENESS_TIMEOUT_MS, KAFKA_CONSUMER_PROGRESS_TIMEOUT_MS and KAFKA_CONSUMER_LAG_PROBE_MS, with
 * local defaults; an empty variable counts as unset.
 */
export function kafkaConfigFromEnv(env: Env = process.env): KafkaConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  let brokers = DEFAULT_KAFKA_CONFIG.brokers;
  const rawBrokers = value('KAFKA_BROKERS');
  if (rawBrokers !== undefined) {
    const entries = rawBrokers.split(',').map((b) => b.trim());
    const invalid = entries.filter((b) => parseBroker(b) === null);
    if (invalid.length > 0) {
      problems.push(`KAFKA_BROKERS must be a comma-separated list of host:port, got invalid ${invalid.map((b) => `"${b}"`).join(', ')}`);
    }
    brokers = entries;
  }

  const clientId = value('KAFKA_CLIENT_ID') ?? DEFAULT_KAFKA_CONFIG.clientId;
  if (!CLIENT_ID.test(clientId)) {
    problems.push(`KAFKA_CLIENT_ID may contain only letters, digits, ".", "_" and "-", got "${clientId}"`);
  }

  const rawLevel = (value('KAFKA_LOG_LEVEL') ?? DEFAULT_KAFKA_CONFIG.logLevel).toLowerCase();
  const logLevel = LOG_LEVELS.find((l) => l === rawLevel);
  if (!logLevel) {
    problems.push(`KAFKA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}"`);
  }

  const rawFactor = value('KAFKA_REPLICATION_FACTOR');
  const replicationFactor = rawFactor === undefined ? DEFAULT_KAFKA_CONFIG.replicationFactor : Number(rawFactor);
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    problems.push(`KAFKA_REPLICATION_FACTOR must be an integer >= 1, got "${rawFactor}"`);
  }

  const milliseconds = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!/^\d+$/.test(raw) || parsed < 100) problems.push(`${name} must be a whole number of milliseconds >= 100, got "${raw}"`);
    return parsed;
  };
  const consumerHealth: ConsumerHealthSettings = {
    livenessTimeoutMs: milliseconds('KAFKA_CONSUMER_LIVENESS_TIMEOUT_MS', DEFAULT_CONSUMER_HEALTH.livenessTimeoutMs),
    progressTimeoutMs: milliseconds('KAFKA_CONSUMER_PROGRESS_TIMEOUT_MS', DEFAULT_CONSUMER_HEALTH.progressTimeoutMs),
    lagProbeIntervalMs: milliseconds('KAFKA_CONSUMER_LAG_PROBE_MS', DEFAULT_CONSUMER_HEALTH.lagProbeIntervalMs),
  };

  if (problems.length > 0) throw new KafkaConfigError(problems);
  return { brokers, clientId, logLevel: logLevel ?? DEFAULT_KAFKA_CONFIG.logLevel, replicationFactor, consumerHealth };
}
