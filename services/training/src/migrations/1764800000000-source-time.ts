import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The features copy keeps each customer's newest state by the source's time (`occurred_at`, then ingestion's write,
 * `updated_at`), not the last record read. Rows from before had no source time: their write time stands for it, as
 * for the records they came from (a record without `occurredAt` is read by its `updatedAt`). A pod of the previous
 * version fails its copy writes during a rolling update (the column is NOT NULL) until it is replaced.
 */
export class SourceTime1764800000000 implements MigrationInterface {
  name = 'SourceTime1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_features ADD COLUMN occurred_at timestamptz`);
    await runner.query(`UPDATE customer_features SET occurred_at = updated_at`);
    await runner.query(`ALTER TABLE customer_features ALTER COLUMN occurred_at SET NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_features DROP COLUMN occurred_at`);
  }
}
