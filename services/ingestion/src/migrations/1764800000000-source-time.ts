import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer's stored state is the newest by the source's time, not the last to arrive: `occurred_at` holds the time
 * of the stored state (or a later time that confirmed it), and an older event is skipped and counted in `rows_stale`.
 * A row written before had no source time: its write time stands for it, the same time the records it was published
 * with carry (consumers read a record without `occurredAt` by its `updatedAt`). A pod of the previous version in a
 * rolling update then fails its writes (the column is NOT NULL) until it is replaced, rather than storing a state
 * without a time.
 */
export class SourceTime1764800000000 implements MigrationInterface {
  name = 'SourceTime1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customers ADD COLUMN occurred_at timestamptz`);
    await runner.query(`UPDATE customers SET occurred_at = updated_at`);
    await runner.query(`ALTER TABLE customers ALTER COLUMN occurred_at SET NOT NULL`);
    await runner.query(`ALTER TABLE ingest_batches ADD COLUMN rows_stale int NOT NULL DEFAULT 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ingest_batches DROP COLUMN rows_stale`);
    await runner.query(`ALTER TABLE customers DROP COLUMN occurred_at`);
  }
}
