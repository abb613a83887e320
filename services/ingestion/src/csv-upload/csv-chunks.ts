import { parseCustomerCsv, type CsvWarning, type CustomerCsvBatch, type RejectedRow } from '@seg/ml';
import type { RejectedRowRecord } from '../ingest-batches/ingest-batches.repository';
import type { IngestChunk, IngestWarning } from '../ingest-customers/ingest-customers.command';

/** One stored record per rejected line: its failing columns and every reason. */
export function toRejectedRowRecord(row: RejectedRow): RejectedRowRecord {
  const columns = [...new Set(row.errors.map((error) => error.column).filter((column) => column !== null))];
  return {
    line: row.line,
    customerId: row.customerId,
    column: columns.length === 0 ? null : columns.join(', '),
    reason: row.errors.map((error) => error.reason).join('; '),
    raw: row.raw,
    rawLength: row.rawLength,
    rawTruncated: row.rawTruncated,
  };
}

export function toIngestWarning(warning: CsvWarning): IngestWarning {
  return { line: warning.line, customerId: warning.customerId, column: warning.column, reason: warning.reason };
}

/** A parser batch as a use-case chunk; the parser counts rows from the start of the file. */
export function toIngestChunk(batch: CustomerCsvBatch, rowsReadBefore: number): IngestChunk {
  return {
    read: batch.rowsRead - rowsReadBefore,
    accepted: batch.accepted,
    rejected: batch.rejected.map(toRejectedRowRecord),
    warnings: batch.warnings.map(toIngestWarning),
  };
}

/**
 * Streams a CSV body into chunks of `batchSize` rows, keeping `maxRejectedRawLength` characters of a rejected
 * row's text. A customer id repeated in the file is rejected ("first seen at line N"): the first row stands, so
 * a file never silently overwrites itself.
 */
export async function* csvChunks(body: AsyncIterable<Uint8Array | string>, batchSize: number, maxRejectedRawLength?: number): AsyncGenerator<IngestChunk> {
  let rowsRead = 0;
  for await (const batch of parseCustomerCsv(body, { batchSize, duplicateIds: 'reject', maxRejectedRawLength })) {
    yield toIngestChunk(batch, rowsRead);
    rowsRead = batch.rowsRead;
  }
}
