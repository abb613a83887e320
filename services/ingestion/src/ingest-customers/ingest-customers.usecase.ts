import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { topicName, Topics } from '@seg/contracts';
import { ErasureGuard, withoutPositions } from '@seg/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { INGESTION_CONFIG, type IngestionConfig } from '../config/ingestion.config';
import { toCustomerRow, type CustomerStamp } from '../customers/customer-columns';
import { CustomersRepository } from '../customers/customers.repository';
import { addCounts, NO_COUNTS, type IngestCounts } from '../ingest-batches/ingest-batch-counts';
import { IngestBatchesRepository, type RejectedRowRecord } from '../ingest-batches/ingest-batches.repository';
import { IngestionMetrics } from '../metrics/ingestion.metrics';
import { customerFeaturesEventSql, customerFeaturesEventStamp } from '../outbox/customer-features-event.builder';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import { OutboxRepository, type ChangedRowsInsert } from '../outbox/outbox.repository';
import type { IngestChunk, IngestCustomersCommand, IngestWarning } from './ingest-customers.command';
import { readAhead } from './read-ahead';

/** How many rejected rows and warnings a summary shows; all rejected rows are stored. */
export const SUMMARY_SAMPLE_SIZE = 20;

export interface IngestSummary extends IngestCounts {
  readonly batchId: string;
  readonly status: 'completed';
  readonly rejectedRows: RejectedRowRecord[];
  readonly warningRows: IngestWarning[];
}

/** A batch stopped part-way; its record says `failed` with this message, and the chunks committed before stay. */
export class IngestFailedError extends Error {
  constructor(
    readonly batchId: string,
    cause: unknown,
    /** The counts of the chunks committed before the failure. */
    readonly committed: IngestCounts,
  ) {
    super(`Ingest batch ${batchId} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'IngestFailedError';
  }
}

/**
 * Ingests customers from any source: per chunk ONE transaction upserts the accepted customers (only real
 * changes are written), stores the rejected rows, queues a features event for each inserted or updated
 * customer in the outbox and adds the chunk's counts to the batch record. The outbox relay publishes after
 * the commit.
 */
@Injectable()
export class IngestCustomersUseCase {
  private readonly logger = new Logger(IngestCustomersUseCase.name);
  private readonly featuresTopic: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly customers: CustomersRepository,
    private readonly batches: IngestBatchesRepository,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    private readonly erasures: ErasureGuard,
    private readonly metrics: IngestionMetrics,
    @Inject(INGESTION_CONFIG) config: IngestionConfig,
  ) {
    this.featuresTopic = topicName(config.settings.INGESTION_TOPIC_PREFIX, Topics.customersFeatures);
  }

  async execute(command: IngestCustomersCommand): Promise<IngestSummary> {
    const batchId = randomUUID();
    await this.batches.start(batchId, command.source, command.fileName);
    let totals = NO_COUNTS;
    const rejectedRows: RejectedRowRecord[] = [];
    const warningRows: IngestWarning[] = [];
    const occurredAt = command.occurredAt ?? new Date().toISOString();
    try {
      for await (const chunk of readAhead(command.chunks)) {
        const counts = await this.write(batchId, { source: command.source, batchId, updatedAt: new Date() }, occurredAt, chunk);
        if (counts.inserted + counts.updated > 0) this.relay.trigger();
        this.metrics.chunkWritten(command.source, counts);
        totals = addCounts(totals, counts);
        rejectedRows.push(...chunk.rejected.slice(0, SUMMARY_SAMPLE_SIZE - rejectedRows.length));
        warningRows.push(...chunk.warnings.slice(0, SUMMARY_SAMPLE_SIZE - warningRows.length));
      }
    } catch (error) {
      const failure = new IngestFailedError(batchId, error, totals);
      await this.batches
        .finish(batchId, 'failed', failure.message)
        .catch((finishError: unknown) => this.logger.error(`Could not mark batch ${batchId} failed: ${String(finishError)}`));
      throw failure;
    }
    await this.batches.finish(batchId, 'completed');
    return { batchId, status: 'completed', ...totals, rejectedRows, warningRows };
  }

  /** `occurredAt`: the source's time of the chunk's customers without their own (CSV rows). */
  private write(batchId: string, stamp: CustomerStamp, occurredAt: string, chunk: IngestChunk): Promise<IngestCounts> {
    return this.dataSource.transaction(async (manager) => {
      // Customers erased on request stay erased: their rows are left out (counted `erased`), their rejected lines not stored.
      const ids = [...chunk.accepted.map((customer) => customer.customerId), ...chunk.rejected.map((row) => row.customerId ?? '')];
      const erased = await this.erasures.admit(manager, ids);
      const accepted = withoutPositions(chunk.accepted, erased);
      const rejected = withoutPositions(chunk.rejected, new Set([...erased].map((i) => i - chunk.accepted.length)));
      const rows = accepted.map(toCustomerRow);
      // Bound once for a chunk of CSV rows; per row, with the batch's time for any without one, for events.
      const shared = accepted.some((customer) => customer.occurredAt !== undefined) ? null : occurredAt;
      if (shared === null) for (const row of rows) row.occurred_at ??= occurredAt;
      const changes = await this.customers.upsert(manager, rows, stamp, shared, this.announceFeatures(stamp));
      await this.batches.insertRejected(manager, batchId, rejected);
      const counts: IngestCounts = {
        read: chunk.read,
        accepted: chunk.accepted.length,
        rejected: chunk.rejected.length,
        inserted: changes.inserted,
        updated: changes.updated,
        unchanged: changes.unchanged,
        stale: (chunk.stale ?? 0) + changes.stale,
        erased: chunk.accepted.length - accepted.length,
        warnings: chunk.warnings.length,
      };
      await this.batches.addCounts(manager, batchId, counts);
      return counts;
    });
  }

  /** A features event in the outbox for each customer the chunk inserts or updates, written by the upsert statement. */
  private announceFeatures(stamp: CustomerStamp): ChangedRowsInsert {
    return this.outbox.announceChanges(this.featuresTopic, 'changed.customer_id', customerFeaturesEventSql('changed', '$2'), [
      customerFeaturesEventStamp(stamp),
    ]);
  }
}
