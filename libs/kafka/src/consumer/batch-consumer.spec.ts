import { KafkaJSAggregateError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { consumerHealth, fetchMaxBytes, tooLargeRefusal, type BatchConsumerProgress } from './batch-consumer';

const NOW = Date.parse('2026-01-31T12:00:00.000Z');
const progress = (overrides: Partial<BatchConsumerProgress> = {}): BatchConsumerProgress => ({
  groupId: 'scoring',
  state: 'running',
  handledRecords: 10,
  deadLetteredRecords: 0,
  rebalances: 1,
  partitions: [],
  stall: null,
  lastActivityAt: new Date(NOW - 1_000),
  ...overrides,
});

describe(consumerHealth.name, () => {
  it('should be ready and live when running without a stall and active within the timeout', () => {
    expect(consumerHealth(progress(), 60_000, NOW)).toEqual({ groupId: 'scoring', state: 'running', ready: true, live: true, stalledSince: null, reason: null });
  });

  it('should be live but not ready, with the reason and since when, when stalled but still retrying', () => {
    const stall = { since: new Date(NOW - 30_000), reason: 'handler failing on t[0] from offset 4: connect ECONNREFUSED' };

    expect(consumerHealth(progress({ stall }), 60_000, NOW)).toEqual({
      groupId: 'scoring',
      state: 'running',
      ready: false,
      live: true,
      stalledSince: '2026-01-31T11:59:30.000Z',
      reason: stall.reason,
    });
  });

  it('should be neither live nor ready when no sign of work came for longer than the timeout', () => {
    const health = consumerHealth(progress({ lastActivityAt: new Date(NOW - 61_000) }), 60_000, NOW);

    expect(health).toMatchObject({ ready: false, live: false, reason: 'no sign of work for 61 s' });
  });

  describe('progress', () => {
    const partition = (lag: number, silentMs: number, assigned = true) => ({
      topic: 'customers.features.v1',
      partition: 2,
      committedOffset: '100',
      highWatermark: String(100 + lag),
      lag,
      assigned,
      lastProgressAt: new Date(NOW - silentMs),
    });

    it('should be neither live nor ready when an assigned partition has lag and no commit for longer than the progress timeout, though it shows signs of work', () => {
      const health = consumerHealth(progress({ partitions: [partition(0, 900_000), partition(40, 301_000)] }), 60_000, NOW, 300_000);

      expect(health).toMatchObject({ ready: false, live: false, reason: 'lag of 40 on customers.features.v1[2] and no progress for 301 s' });
    });

    it.each([
      ['it has no lag', partition(0, 900_000)],
      ['the partition is no longer assigned to it', partition(40, 900_000, false)],
      ['its last commit is within the timeout', partition(40, 299_000)],
    ])('should stay live when %s', (_case, stuck) => {
      expect(consumerHealth(progress({ partitions: [stuck] }), 60_000, NOW, 300_000)).toMatchObject({ ready: true, live: true, reason: null });
    });

    it('should stay live but not ready while it backs off an outage, whatever the lag: a restart would not end the outage', () => {
      const stall = { since: new Date(NOW - 400_000), reason: 'handler failing on t[2] from offset 100: connect ECONNREFUSED' };

      expect(consumerHealth(progress({ stall, partitions: [partition(40, 400_000)] }), 60_000, NOW, 300_000)).toMatchObject({ ready: false, live: true, reason: stall.reason });
    });
  });

  it.each(['idle', 'stopping', 'stopped'] as const)('should be neither live nor ready when the consumer is %s', (state) => {
    expect(consumerHealth(progress({ state }), 60_000, NOW)).toMatchObject({ ready: false, live: false, reason: `consumer is ${state}` });
  });
});

describe(tooLargeRefusal.name, () => {
  const tooLarge = new KafkaJSProtocolError({ message: 'The request included a message larger than the max message size the server will accept', type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false } as unknown as Error);

  it('should find the broker refusal however kafkajs wrapped it', () => {
    const expected = 'MESSAGE_TOO_LARGE: The request included a message larger than the max message size the server will accept';

    expect(tooLargeRefusal(tooLarge)).toBe(expected);
    expect(tooLargeRefusal(new KafkaJSNumberOfRetriesExceeded(tooLarge, { retryCount: 5, retryTime: 3_200 }))).toBe(expected);
    expect(tooLargeRefusal(new KafkaJSAggregateError('send failed', [new Error('other'), tooLarge]))).toBe(expected);
  });

  it('should return null for any other error', () => {
    expect(tooLargeRefusal(new KafkaJSNonRetriableError(new Error('Connection refused')))).toBeNull();
    expect(tooLargeRefusal('MESSAGE_TOO_LARGE')).toBeNull();
  });
});

describe(fetchMaxBytes.name, () => {
  it('should keep kafkajs limit unless the partitions handled at once need more', () => {
    expect(fetchMaxBytes(undefined, 1)).toBe(10 * 1_024 * 1_024);
    expect(fetchMaxBytes(5 * 1_024 * 1_024, 3)).toBe(15 * 1_024 * 1_024);
  });
});
