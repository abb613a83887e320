import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'offers' })
export class OfferEntity {
  @PrimaryColumn({ name: 'segment_id', type: 'varchar', length: 32 })
  segmentId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  product!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  terms!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
