import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A row of a batch that was not stored, with where and why, and the row as sent. */
@Entity({ name: 'rejected_rows' })
export class RejectedRowEntity {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  /** 1-based physical line of the file the row starts on. */
  @PrimaryColumn({ type: 'int' })
  line!: number;

  @Column({ name: 'customer_id', type: 'text', nullable: true })
  customerId!: string | null;

  /** The failing column, or several joined by ", "; null when the whole row is malformed. */
  @Column({ type: 'text', nullable: true })
  column!: string | null;

  /** Every problem of the row, joined by "; ". */
  @Column({ type: 'text' })
  reason!: string;

  /** The row as written, cut to INGESTION_REJECTED_RAW_MAX_CHARS characters. */
  @Column({ type: 'text' })
  raw!: string;

  /** The length of the whole row as written; null for rows stored before it was kept (then `raw` is whole). */
  @Column({ name: 'raw_length', type: 'int', nullable: true })
  rawLength!: number | null;

  @Column({ name: 'raw_truncated', type: 'boolean' })
  rawTruncated!: boolean;
}
