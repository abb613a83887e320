import { Inject, Injectable } from '@nestjs/common';
import { Topics, type CustomerSegmentsEvent } from '@seg/contracts';
import { KafkaProducer } from '@seg/kafka';
import { SCORING_CONFIG, topicName, type ScoringConfig } from '../config/scoring.config';
import type { ChangedAssignment } from './assignments.repository';

// Requests well under the broker's 1 MB message limit (an event is ~200 bytes).
const MESSAGES_PER_REQUEST = 2_000;

/** `customers.segments.v1` for written assignments, keyed by customer id. */
@Injectable()
export class SegmentEventsPublisher {
  constructor(
    private readonly producer: KafkaProducer,
    @Inject(SCORING_CONFIG) private readonly config: ScoringConfig,
  ) {}

  async publish(changes: readonly ChangedAssignment[], modelVersion: string, scoredAt: Date): Promise<void> {
    const topic = topicName(this.config, Topics.customersSegments);
    const at = scoredAt.toISOString();
    for (let start = 0; start < changes.length; start += MESSAGES_PER_REQUEST) {
      const messages = changes.slice(start, start + MESSAGES_PER_REQUEST).map((change) => {
        const value: CustomerSegmentsEvent = {
          customerId: change.customer_id,
          segmentId: change.segment_id,
          modelVersion,
          pca: { x: change.pca_x, y: change.pca_y },
          distance: change.distance,
          scoredAt: at,
        };
        return { key: change.customer_id, value };
      });
      await this.producer.send(topic, messages);
    }
  }
}
