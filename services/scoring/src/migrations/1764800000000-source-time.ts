import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The features copy keeps each customer's newest state by the source's time (`occurred_at`, then ingestion's write,
 * `updated_at`), not the last record read; an assignment keeps the version of the features it was scored from, so a
 * re-score page read before a newer state committed cannot replace that state's assignment. Rows from before had no
 * source time: their write time stands for it, as for the records they came from (a record without `occurredAt` is
 * read by its `updatedAt`). Assignments are not rewritten for it: the comparison takes `features_updated_at` where
 * `features_occurred_at` is NULL, also for rows a pod of the previous version writes during a rolling update. That
 * pod's feature writes fail until it is replaced (`occurred_at` is NOT NULL), rather than storing a state without a time.
 */
export class SourceTime1764800000000 implements MigrationInterface {
  name = 'SourceTime1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_features ADD COLUMN occurred_at timestamptz`);
    await runner.query(`UPDATE customer_features SET occurred_at = updated_at`);
    await runner.query(`ALTER TABLE customer_features ALTER COLUMN occurred_at SET NOT NULL`);
    await runner.query(`ALTER TABLE assignments ADD COLUMN features_occurred_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE assignments DROP COLUMN features_occurred_at`);
    await runner.query(`ALTER TABLE customer_features DROP COLUMN occurred_at`);
  }
}
