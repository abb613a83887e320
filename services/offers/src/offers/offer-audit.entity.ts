import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OfferContent } from '@seg/contracts';

@Entity({ name: 'offer_audit' })
export class OfferAuditEntity {
  /** bigserial: pg hands it over as a string, which keeps every digit. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'segment_id', type: 'varchar', length: 32 })
  segmentId!: string;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  /** The caller's name when the edit was made (names change; the id does not). */
  @Column({ name: 'changed_by_name', type: 'text' })
  changedByName!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ type: 'jsonb' })
  before!: OfferContent;

  @Column({ type: 'jsonb' })
  after!: OfferContent;
}
