import type { IngestSource } from '@seg/contracts';
import type { CustomerFeatures } from '@seg/ml';
import type { RejectedRowRecord } from '../ingest-batches/ingest-batches.repository';

/** A value accepted after a documented correction (e.g. a ratio clamped to 1). */
export interface IngestWarning {
  /** The file line; null for a Kafka event. */
  readonly line: number | null;
  readonly customerId: string;
  readonly column: string;
  readonly reason: string;
}

/** A validated customer; an event also carries the time its source gave the state. */
export interface IngestedCustomer extends CustomerFeatures {
  /** ISO-8601 instant; absent for a CSV row, which takes the batch's time. */
  readonly occurredAt?: string;
}

/** What one transaction writes: validated customers (one per id), rejected rows, warnings. */
export interface IngestChunk {
  /** Rows or records read for this chunk. */
  readonly read: number;
  readonly accepted: readonly IngestedCustomer[];
  readonly rejected: readonly RejectedRowRecord[];
  readonly warnings: readonly IngestWarning[];
  /** Events left out because another event of the same customer in the chunk occurred later. */
  readonly stale?: number;
}

/** One batch to ingest, from a CSV upload or a consumed batch of raw events. */
export class IngestCustomersCommand {
  constructor(
    readonly source: IngestSource,
    /** The uploaded file's name when known. */
    readonly fileName: string | null,
    /** Consumed lazily: a CSV is parsed while earlier chunks are written, so memory stays flat. */
    readonly chunks: AsyncIterable<IngestChunk> | Iterable<IngestChunk>,
    /** The source's time (ISO-8601) of customers without their own, e.g. a CSV upload's `occurredAt`; null: when the batch started. */
    readonly occurredAt: string | null = null,
  ) {}
}
