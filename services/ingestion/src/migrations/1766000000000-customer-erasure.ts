import { CREATE_ERASED_CUSTOMERS_TABLE } from '@seg/db';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The right to erasure (docs/decisions/0020-erasure-and-export.md): `erased_customers` holds a keyed hash of every erased
 * id, which every write checks, so a replayed raw event or a file uploaded again does not bring the customer back;
 * `erasure_audit` records each erasure by that hash (never the id), with who, when and why; a batch counts the rows of
 * erased customers it left out (`rows_erased`).
 */
export class CustomerErasure1766000000000 implements MigrationInterface {
  name = 'CustomerErasure1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(CREATE_ERASED_CUSTOMERS_TABLE);
    await runner.query(`
      CREATE TABLE erasure_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id_hash bigint NOT NULL,
        reason text NOT NULL,
        erased_by text NOT NULL,
        erased_at timestamptz NOT NULL,
        customer_rows int NOT NULL,
        rejected_rows int NOT NULL
      )`);
    await runner.query(`CREATE INDEX erasure_audit_id_hash ON erasure_audit (id_hash)`);
    await runner.query(`ALTER TABLE ingest_batches ADD COLUMN rows_erased int NOT NULL DEFAULT 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ingest_batches DROP COLUMN rows_erased`);
    await runner.query(`DROP TABLE erasure_audit, erased_customers`);
  }
}
