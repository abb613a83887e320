import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who changed the model and how: one row per admin mutation (train, promote; reject and later ones add actions,
 * not columns). The action is free text checked by the code's list, so a new mutation needs no migration.
 */
export class CreateModelAudit1765000000000 implements MigrationInterface {
  name = 'CreateModelAudit1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE model_audit (
        id bigserial PRIMARY KEY,
        action varchar(32) NOT NULL,
        model_name text NOT NULL,
        model_version text,
        training_run_id uuid REFERENCES training_runs (id),
        caller_id text NOT NULL,
        caller_name text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX model_audit_latest ON model_audit (model_name, at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE model_audit`);
  }
}
