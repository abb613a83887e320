import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit keeps the caller's name beside the subject; earlier rows had only the subject, which stands in. */
export class AuditCallerName1765000000000 implements MigrationInterface {
  name = 'AuditCallerName1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE offer_audit ADD COLUMN changed_by_name text`);
    await runner.query(`UPDATE offer_audit SET changed_by_name = changed_by`);
    await runner.query(`ALTER TABLE offer_audit ALTER COLUMN changed_by_name SET NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE offer_audit DROP COLUMN changed_by_name`);
  }
}
