import { Injectable } from '@nestjs/common';
import type { IngestSource } from '@seg/contracts';
import { Metrics, readWithin } from '@seg/observability';
import type { IngestCounts } from '../ingest-batches/ingest-batch-counts';
import { OutboxRepository } from '../outbox/outbox.repository';

/**
 * Ingestion's own metrics, by source (csv or kafka): rows read, accepted (valid) and rejected, and of the accepted
 * how many changed a customer, left it unchanged or were older than its state (stale), counted per committed chunk;
 * records the outbox relay published; and, read at scrape time, the outbox backlog and the age of its oldest message
 * (the relay's lag behind the commits).
 */
@Injectable()
export class IngestionMetrics {
  private readonly read;
  private readonly accepted;
  private readonly rejected;
  private readonly changed;
  private readonly unchanged;
  private readonly stale;
  private readonly published;

  constructor(metrics: Metrics, outbox: OutboxRepository) {
    this.read = metrics.counter('seg_ingestion_rows_read_total', 'CSV rows or raw events read', ['source']);
    this.accepted = metrics.counter('seg_ingestion_rows_accepted_total', 'Rows that passed validation (changed + unchanged + stale)', ['source']);
    this.rejected = metrics.counter('seg_ingestion_rows_rejected_total', 'Rows rejected by validation (stored with the reason in rejected_rows)', ['source']);
    this.changed = metrics.counter('seg_ingestion_rows_changed_total', 'Accepted rows that inserted or updated a customer (each becomes a customers.features.v1 event)', ['source']);
    this.unchanged = metrics.counter('seg_ingestion_rows_unchanged_total', 'Accepted rows equal to the stored customer: nothing written', ['source']);
    this.stale = metrics.counter('seg_ingestion_rows_stale_total', "Accepted rows older than the customer's stored state (by the source's time): skipped", ['source']);
    this.published = metrics.counter('seg_ingestion_outbox_published_total', 'Records the outbox relay published to Kafka');
    const read = () => readWithin(() => outbox.backlog());
    const backlog = metrics.gauge('seg_ingestion_outbox_backlog', 'Messages waiting in the outbox to be published');
    const age = metrics.gauge('seg_ingestion_outbox_oldest_age_seconds', 'Age of the oldest message waiting in the outbox (0 when empty): how far the relay is behind');
    metrics.refreshOnScrape([backlog, age], async () => {
      const now = await read();
      if (now === null) return;
      backlog.set(now.messages);
      age.set(now.oldestAgeSeconds);
    });
  }

  /** After a chunk's transaction committed. */
  chunkWritten(source: IngestSource, counts: IngestCounts): void {
    const labels = { source };
    this.read.inc(labels, counts.read);
    this.accepted.inc(labels, counts.accepted);
    this.rejected.inc(labels, counts.rejected);
    this.changed.inc(labels, counts.inserted + counts.updated);
    this.unchanged.inc(labels, counts.unchanged);
    this.stale.inc(labels, counts.stale);
  }

  relayed(records: number): void {
    this.published.inc(records);
  }
}
