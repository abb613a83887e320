import { Inject, Injectable } from '@nestjs/common';
import { topicName, Topics } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { Metrics } from '@seg/observability';
import { SCORING_CONFIG, type ScoringConfig } from '../config/scoring.config';
import type { ChangedAssignment } from './assignments.repository';

/** A JSON number as JSON.stringify writes it (a non-finite one as null). */
const jsonNumber = (value: number): string => (Number.isFinite(value) ? String(value) : 'null');

/**
 * The `customers.segments.v1` value of a change, as the JSON text `JSON.stringify` gives for the
 * `CustomerSegmentsEvent` object (same fields, same order), written from a template: the fields shared by the
 * batch (`modelVersion`, `scoredAt`) are quoted once, and no per-event object is built and walked.
 */
export function segmentEventsJson(changes: readonly ChangedAssignment[], modelVersion: string, scoredAt: string): string[] {
  const shared = `"modelVersion":${JSON.stringify(modelVersion)},`;
  const at = JSON.stringify(scoredAt);
  const segments = new Map<string, string>();
  return changes.map((change) => {
    let segment = segments.get(change.segment_id);
    if (segment === undefined) segments.set(change.segment_id, (segment = JSON.stringify(change.segment_id)));
    return (
      `{"customerId":${JSON.stringify(change.customer_id)},"segmentId":${segment},${shared}` +
      `"pca":{"x":${jsonNumber(change.pca_x)},"y":${jsonNumber(change.pca_y)}},"distance":${jsonNumber(change.distance)},"scoredAt":${at}}`
    );
  });
}

/** `customers.segments.v1` for written assignments, keyed by customer id. */
@Injectable()
export class SegmentEventsPublisher {
  private readonly moves;

  constructor(
    private readonly producer: KafkaProducer,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
    metrics: Metrics,
  ) {
    // Counted once sent, before the transaction commits: a batch rolled back after its send counts again when retried.
    this.moves = metrics.counter('seg_scoring_segment_moves_total', 'Customers announced on customers.segments.v1 as moved to another segment (new customers included), by feature events and re-scores');
  }

  async publish(changes: readonly ChangedAssignment[], modelVersion: string, scoredAt: Date): Promise<void> {
    const topic = topicName(this.config.settings.SCORING_TOPIC_PREFIX, Topics.customersSegments);
    const at = scoredAt.toISOString();
    const values = segmentEventsJson(changes, modelVersion, at);
    await this.producer.send(
      topic,
      changes.map((change, i) => ({ key: change.customer_id, value: values[i] })),
    );
    this.moves.inc(changes.reduce((moved, change) => (change.moved ? moved + 1 : moved), 0));
  }
}
