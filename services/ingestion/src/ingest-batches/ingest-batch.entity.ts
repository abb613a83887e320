import type { IngestSource } from '@seg/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type IngestBatchStatus = 'running' | 'completed' | 'failed';

/** One CSV upload or one consumed batch of raw events, with its counts as they accumulate. */
@Entity({ name: 'ingest_batches' })
export class IngestBatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: IngestSource;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: IngestBatchStatus;

  @Column({ name: 'rows_read', type: 'int' })
  rowsRead!: number;

  @Column({ name: 'rows_accepted', type: 'int' })
  rowsAccepted!: number;

  @Column({ name: 'rows_rejected', type: 'int' })
  rowsRejected!: number;

  @Column({ name: 'rows_inserted', type: 'int' })
  rowsInserted!: number;

  @Column({ name: 'rows_updated', type: 'int' })
  rowsUpdated!: number;

  @Column({ name: 'rows_unchanged', type: 'int' })
  rowsUnchanged!: number;

  @Column({ name: 'rows_stale', type: 'int' })
  rowsStale!: number;

  @Column({ name: 'rows_erased', type: 'int' })
  rowsErased!: number;

  @Column({ type: 'int' })
  warnings!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
