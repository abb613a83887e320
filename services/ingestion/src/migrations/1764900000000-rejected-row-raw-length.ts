import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rejected row's text is stored cut to a limit (INGESTION_REJECTED_RAW_MAX_CHARS): `raw_length` is the length of
 * the row as written, `raw_truncated` says whether `raw` is only its start. `raw_length` is null for rows written
 * before, when `raw` was always whole, and by a pod of the previous version during a rolling update, so those pods
 * keep working; readers take `length(raw)` then. Both columns are added without rewriting the table.
 */
export class RejectedRowRawLength1764900000000 implements MigrationInterface {
  name = 'RejectedRowRawLength1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE rejected_rows ADD COLUMN raw_length int, ADD COLUMN raw_truncated boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE rejected_rows DROP COLUMN raw_length, DROP COLUMN raw_truncated`);
  }
}
