import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { IngestSource } from '@seg/contracts';
import { storableText } from '@seg/ml';
import type { EntityManager, Repository } from 'typeorm';
import type { IngestCounts } from './ingest-batch-counts';
import { IngestBatchEntity, type IngestBatchStatus } from './ingest-batch.entity';
import { RejectedRowEntity } from './rejected-row.entity';

/** A rejected row as stored: one record per line, every problem of the line in it, its text cut to a limit. */
export interface RejectedRowRecord {
  readonly line: number;
  readonly customerId: string | null;
  readonly column: string | null;
  readonly reason: string;
  readonly raw: string;
  /** The length of the whole row as written. */
  readonly rawLength: number;
  readonly rawTruncated: boolean;
}

@Injectable()
export class IngestBatchesRepository {
  constructor(
    @InjectRepository(IngestBatchEntity) private readonly batches: Repository<IngestBatchEntity>,
    @InjectRepository(RejectedRowEntity) private readonly rejectedRows: Repository<RejectedRowEntity>,
  ) {}

  /** The file name comes from the client: made storable, so no name can stop a batch from being recorded. */
  async start(id: string, source: IngestSource, fileName: string | null): Promise<void> {
    await this.batches.query(`INSERT INTO ingest_batches (id, source, file_name, status) VALUES ($1, $2, $3, 'running')`, [
      id,
      source,
      fileName === null ? null : storableText(fileName),
    ]);
  }

  /** Adds a transaction's counts in that transaction, so the record never claims rows that were rolled back. */
  async addCounts(manager: EntityManager, id: string, counts: IngestCounts): Promise<void> {
    await manager.query(
      `UPDATE ingest_batches SET rows_read = rows_read + $2, rows_accepted = rows_accepted + $3, rows_rejected = rows_rejected + $4,
         rows_inserted = rows_inserted + $5, rows_updated = rows_updated + $6, rows_unchanged = rows_unchanged + $7, warnings = warnings + $8,
         rows_stale = rows_stale + $9, rows_erased = rows_erased + $10
       WHERE id = $1`,
      [id, counts.read, counts.accepted, counts.rejected, counts.inserted, counts.updated, counts.unchanged, counts.warnings, counts.stale, counts.erased],
    );
  }

  /** `error` may quote the input: made storable, so a failure is always recorded. */
  async finish(id: string, status: Exclude<IngestBatchStatus, 'running'>, error: string | null = null): Promise<void> {
    await this.batches.query(`UPDATE ingest_batches SET status = $2, error = $3, finished_at = now() WHERE id = $1`, [id, status, error === null ? null : storableText(error)]);
  }

  /**
   * One statement whatever the number of rows (arrays unnested server-side); a replayed line is kept once. The
   * rows' text is storable already (the CSV parser's RejectedRow).
   */
  async insertRejected(manager: EntityManager, batchId: string, rows: readonly RejectedRowRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO rejected_rows (batch_id, line, customer_id, "column", reason, raw, raw_length, raw_truncated)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::boolean[])
       ON CONFLICT (batch_id, line) DO NOTHING`,
      [
        batchId,
        rows.map((r) => r.line),
        rows.map((r) => r.customerId),
        rows.map((r) => r.column),
        rows.map((r) => r.reason),
        rows.map((r) => r.raw),
        rows.map((r) => r.rawLength),
        rows.map((r) => r.rawTruncated),
      ],
    );
  }

  findById(id: string): Promise<IngestBatchEntity | null> {
    return this.batches.findOneBy({ id });
  }

  findRecent(first: number): Promise<IngestBatchEntity[]> {
    return this.batches.find({ order: { startedAt: 'DESC', id: 'ASC' }, take: first });
  }

  /** The first `first` rejected rows (by line) of each batch, in one query. */
  async findRejected(batchIds: readonly string[], first: number): Promise<(RejectedRowRecord & { readonly batchId: string })[]> {
    const rows: Record<string, unknown>[] = await this.rejectedRows.query(
      `SELECT batch_id, line, customer_id, "column", reason, raw, coalesce(raw_length, length(raw)) AS raw_length, raw_truncated FROM (
         SELECT r.*, row_number() OVER (PARTITION BY batch_id ORDER BY line) AS position FROM rejected_rows r WHERE batch_id = ANY($1::uuid[])
       ) ranked WHERE position <= $2 ORDER BY batch_id, line`,
      [batchIds, first],
    );
    return rows.map((row) => ({
      batchId: row.batch_id as string,
      line: row.line as number,
      customerId: row.customer_id as string | null,
      column: row.column as string | null,
      reason: row.reason as string,
      raw: row.raw as string,
      rawLength: row.raw_length as number,
      rawTruncated: row.raw_truncated as boolean,
    }));
  }
}
