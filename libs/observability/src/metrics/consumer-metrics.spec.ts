import type { BatchConsumerProgress, ConsumerHandle, ConsumerHealth } from '@seg/kafka';
import { metricValue } from '../testing';
import { consumerMetrics } from './consumer-metrics';
import { Metrics } from './metrics';

const handle = (progress: Partial<BatchConsumerProgress>, health: Partial<ConsumerHealth>): ConsumerHandle =>
  ({
    progress: () => ({ groupId: 'scoring', state: 'running', handledRecords: 0, deadLetteredRecords: 0, rebalances: 1, partitions: [], stall: null, lastActivityAt: new Date(), ...progress }),
    health: () => ({ groupId: 'scoring', state: 'running', ready: true, live: true, stalledSince: null, reason: null, ...health }),
  }) as ConsumerHandle;

describe(consumerMetrics.name, () => {
  it('should count records, DLQ reasons and rebalances from the per-batch hooks, not from the first join', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const observer = consumerMetrics(metrics, () => []);
    observer.rebalanced?.('scoring');
    observer.batchHandled?.({ groupId: 'scoring', topic: 'features', partition: 0, records: 500, seconds: 0.2 });
    observer.batchHandled?.({ groupId: 'scoring', topic: 'features', partition: 1, records: 20, seconds: 0.01 });
    observer.deadLettered?.({ groupId: 'scoring', topic: 'features', kind: 'invalid-record', records: 3 });
    observer.rebalanced?.('scoring');
    const text = await metrics.scrape();

    expect(metricValue(text, 'seg_kafka_consumer_records_total', { group: 'scoring', topic: 'features' })).toBe(520);
    expect(metricValue(text, 'seg_kafka_consumer_dead_lettered_total', { reason: 'invalid-record' })).toBe(3);
    expect(metricValue(text, 'seg_kafka_consumer_batch_size_count', { group: 'scoring' })).toBe(2);
    expect(metricValue(text, 'seg_kafka_consumer_batch_duration_seconds_sum', { group: 'scoring' })).toBeCloseTo(0.21);
    expect(metricValue(text, 'seg_kafka_consumer_rebalances_total', { group: 'scoring' })).toBe(1);
  });

  it('should read lag of the assigned partitions only, stalled and live from the consumers at each scrape', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const partition = (n: number, lag: number, assigned: boolean) => ({ topic: 'features', partition: n, committedOffset: '1', highWatermark: String(1 + lag), lag, assigned, lastProgressAt: new Date() });
    let consumers = [handle({ partitions: [partition(0, 40, true), partition(1, 7, false)] }, { live: false, stalledSince: '2026-01-31T12:00:00.000Z' })];
    consumerMetrics(metrics, () => consumers);

    const first = await metrics.scrape();
    consumers = [handle({ partitions: [partition(0, 0, true)] }, {})];
    const second = await metrics.scrape();

    expect(metricValue(first, 'seg_kafka_consumer_lag', { group: 'scoring', topic: 'features', partition: '0' })).toBe(40);
    expect(metricValue(first, 'seg_kafka_consumer_lag', { partition: '1' })).toBeUndefined();
    expect([metricValue(first, 'seg_kafka_consumer_stalled'), metricValue(first, 'seg_kafka_consumer_live')]).toEqual([1, 0]);
    expect(metricValue(second, 'seg_kafka_consumer_lag', { partition: '0' })).toBe(0);
    expect([metricValue(second, 'seg_kafka_consumer_stalled'), metricValue(second, 'seg_kafka_consumer_live')]).toEqual([0, 1]);
  });
});
