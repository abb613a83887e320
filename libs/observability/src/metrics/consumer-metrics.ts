import type { ConsumerHandle, ConsumerObserver } from '@seg/kafka';
import { BATCH_SIZE_BUCKETS, DURATION_BUCKETS, type Metrics } from './metrics';

/**
 * The Kafka consumers' metrics: counters and histograms fed once per batch by the consumers' observer hooks, and
 * gauges (lag per partition, stalled, live) read from each consumer's progress at scrape time. Labels are the group,
 * the topic and the partition: a few dozen series, whatever the traffic.
 */
export function consumerMetrics(metrics: Metrics, consumers: () => readonly ConsumerHandle[]): ConsumerObserver {
  const records = metrics.counter('seg_kafka_consumer_records_total', 'Records consumed and committed (handled or sent to the DLQ)', ['group', 'topic']);
  const deadLettered = metrics.counter('seg_kafka_consumer_dead_lettered_total', 'Records sent to the DLQ, by reason', ['group', 'topic', 'reason']);
  const batchSize = metrics.histogram('seg_kafka_consumer_batch_size', 'Records per handled batch', BATCH_SIZE_BUCKETS, ['group']);
  const batchSeconds = metrics.histogram('seg_kafka_consumer_batch_duration_seconds', 'Time from a batch handler call to its commit, retries included', DURATION_BUCKETS, ['group']);
  const rebalances = metrics.counter('seg_kafka_consumer_rebalances_total', 'Group joins of a consumer after its first (rebalances)', ['group']);

  metrics.gauge('seg_kafka_consumer_lag', 'Records behind the end of each assigned partition (end offset minus committed offset)', ['group', 'topic', 'partition'], function collect() {
    this.reset();
    for (const consumer of consumers()) {
      const progress = consumer.progress();
      for (const p of progress.partitions) {
        if (p.assigned) this.set({ group: progress.groupId, topic: p.topic, partition: String(p.partition) }, p.lag);
      }
    }
  });
  metrics.gauge('seg_kafka_consumer_stalled', '1 while a consumer cannot progress and backs off (its readiness fails), else 0', ['group'], function collect() {
    this.reset();
    for (const consumer of consumers()) this.set({ group: consumer.progress().groupId }, consumer.health().stalledSince === null ? 0 : 1);
  });
  metrics.gauge('seg_kafka_consumer_live', '1 while a consumer runs and progresses or works, 0 when stopped or wedged (its liveness fails)', ['group'], function collect() {
    this.reset();
    for (const consumer of consumers()) {
      const health = consumer.health();
      this.set({ group: health.groupId }, health.live ? 1 : 0);
    }
  });

  const joined = new Set<string>();
  return {
    batchHandled: (batch) => {
      records.inc({ group: batch.groupId, topic: batch.topic }, batch.records);
      batchSize.observe({ group: batch.groupId }, batch.records);
      batchSeconds.observe({ group: batch.groupId }, batch.seconds);
    },
    deadLettered: (rejected) => deadLettered.inc({ group: rejected.groupId, topic: rejected.topic, reason: rejected.kind }, rejected.records),
    rebalanced: (groupId) => {
      // The first join of a member is its start, not a rebalance.
      if (joined.has(groupId)) rebalances.inc({ group: groupId });
      else {
        joined.add(groupId);
        rebalances.inc({ group: groupId }, 0);
      }
    },
  };
}
