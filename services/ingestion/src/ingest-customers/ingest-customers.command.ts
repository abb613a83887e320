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

/** What one transaction writes: validated customers (one per id), rejected rows, warnings. */
export interface IngestChunk {
  /** Rows or records read for this chunk. */
  readonly read: number;
  readonly accepted: readonly CustomerFeatures[];
  readonly rejected: readonly RejectedRowRecord[];
  readonly warnings: readonly IngestWarning[];
}

/** One batch to ingest, from a CSV upload or a consumed batch of raw events. */
export class IngestCustomersCommand {
  constructor(
    readonly source: IngestSource,
    /** The uploaded file's name when known. */
    readonly fileName: string | null,
    /** Consumed lazily: a CSV is parsed while earlier chunks are written, so memory stays flat. */
    readonly chunks: AsyncIterable<IngestChunk> | Iterable<IngestChunk>,
  ) {}
}
