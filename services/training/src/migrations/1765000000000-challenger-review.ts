import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trust in the model: a run keeps its challenger review (against `champion_version`) and may wait for an admin
 * (`awaiting-review`, then `succeeded` when promoted, `rejected` or `superseded`); a drift alert may start a run
 * (`drift`). `review_maps` holds the overlay of a run (champion PCA positions, both segments), apart from the run
 * rows that lists read. `model_audit` is the one audit of the model: who trained, promoted, rejected or superseded
 * what, and when: a person (the token's subject and name) or the platform (`gate`, `newer-run`, `mlflow`); a new
 * action is a value of `action`, not a column.
 * `champion_alias` is the alias last published: the compare-and-set that publishes a promotion made in MLflow once.
 */
export class ChallengerReview1765000000000 implements MigrationInterface {
  name = 'ChallengerReview1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE training_runs DROP CONSTRAINT training_runs_status_check`);
    await runner.query(
      `ALTER TABLE training_runs ADD CONSTRAINT training_runs_status_check CHECK (status IN ('queued', 'running', 'awaiting-review', 'succeeded', 'failed', 'rejected', 'superseded'))`,
    );
    await runner.query(`ALTER TABLE training_runs DROP CONSTRAINT training_runs_trigger_check`);
    await runner.query(`ALTER TABLE training_runs ADD CONSTRAINT training_runs_trigger_check CHECK (trigger IN ('cli', 'cron', 'api', 'drift'))`);
    await runner.query(`ALTER TABLE training_runs ADD COLUMN review jsonb, ADD COLUMN champion_version text`);
    await runner.query(`CREATE INDEX training_runs_awaiting_review ON training_runs (started_at) WHERE status = 'awaiting-review'`);
    await runner.query(`
      CREATE TABLE review_maps (
        training_run_id uuid PRIMARY KEY REFERENCES training_runs (id),
        points jsonb NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE model_audit (
        id bigserial PRIMARY KEY,
        action varchar(16) NOT NULL CHECK (action IN ('train', 'promote', 'reject', 'supersede')),
        model_name text NOT NULL,
        model_version text,
        training_run_id uuid REFERENCES training_runs (id),
        caller_id text NOT NULL,
        caller_name text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX model_audit_latest ON model_audit (model_name, at DESC, id DESC)`);
    await runner.query(`CREATE INDEX model_audit_run ON model_audit (training_run_id, at DESC, id DESC)`);
    await runner.query(`
      CREATE TABLE champion_alias (
        model_name text PRIMARY KEY,
        version text NOT NULL,
        published_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE champion_alias, model_audit, review_maps`);
    await runner.query(`DROP INDEX training_runs_awaiting_review`);
    await runner.query(`ALTER TABLE training_runs DROP COLUMN review, DROP COLUMN champion_version`);
    await runner.query(`ALTER TABLE training_runs DROP CONSTRAINT training_runs_trigger_check`);
    await runner.query(`ALTER TABLE training_runs ADD CONSTRAINT training_runs_trigger_check CHECK (trigger IN ('cli', 'cron', 'api'))`);
    await runner.query(`ALTER TABLE training_runs DROP CONSTRAINT training_runs_status_check`);
    await runner.query(`ALTER TABLE training_runs ADD CONSTRAINT training_runs_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed'))`);
  }
}
