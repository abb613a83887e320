import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Unqualified names: the connection's search_path is the service schema (see @seg/db). */
export class CreateTrainingTables1764100000000 implements MigrationInterface {
  name = 'CreateTrainingTables1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    // The service's own copy of customers.features.v1 (ingestion's tables are not ours to read).
    await runner.query(`
      CREATE TABLE customer_features (
        customer_id varchar(64) COLLATE "C" PRIMARY KEY,
        balance double precision,
        balance_frequency double precision,
        purchases double precision,
        oneoff_purchases double precision,
        installments_purchases double precision,
        cash_advance double precision,
        purchases_frequency double precision,
        oneoff_purchases_frequency double precision,
        purchases_installments_frequency double precision,
        cash_advance_frequency double precision,
        cash_advance_trx double precision,
        purchases_trx double precision,
        credit_limit double precision,
        payments double precision,
        minimum_payments double precision,
        prc_full_payment double precision,
        tenure double precision,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE training_runs (
        id uuid PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        trigger varchar(8) NOT NULL CHECK (trigger IN ('cli', 'cron', 'api')),
        stage varchar(32) NOT NULL,
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        params jsonb,
        metrics jsonb,
        gate jsonb,
        mlflow_experiment_id text,
        mlflow_run_id text,
        model_version text,
        error text,
        timings_ms jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await runner.query(`CREATE INDEX training_runs_started_at ON training_runs (started_at DESC)`);
    await runner.query(`
      CREATE TABLE model_versions (
        model_name text NOT NULL,
        version text NOT NULL,
        training_run_id uuid REFERENCES training_runs (id),
        mlflow_run_id text NOT NULL,
        mlflow_experiment_id text NOT NULL,
        bundle_uri text NOT NULL,
        bundle jsonb NOT NULL,
        segment_labels jsonb NOT NULL,
        metrics jsonb NOT NULL,
        is_champion boolean NOT NULL DEFAULT false,
        promoted_at timestamptz,
        forced boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (model_name, version)
      )`);
    // At most one champion per model, enforced by the database rather than by care.
    await runner.query(`CREATE UNIQUE INDEX model_versions_one_champion ON model_versions (model_name) WHERE is_champion`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE model_versions, training_runs, customer_features`);
  }
}
