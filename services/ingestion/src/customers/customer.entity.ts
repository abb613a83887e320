import { FEATURES } from '@seg/ml';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IngestSource } from '@seg/contracts';

/** The 17 features by camelCase key, one nullable double precision column each. */
export class CustomerFeatureColumns {
  [key: string]: number | null;
}

// Declared from the feature schema rather than by hand, so the entity cannot drift from it.
for (const spec of FEATURES) {
  Column({ name: spec.column, type: 'double precision', nullable: true })(CustomerFeatureColumns.prototype, spec.key);
}

@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 64 })
  customerId!: string;

  @Column(() => CustomerFeatureColumns, { prefix: false })
  features!: CustomerFeatureColumns;

  @Column({ type: 'varchar', length: 16 })
  source!: IngestSource;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
