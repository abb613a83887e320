import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Unqualified names: the connection's search_path is the service schema (see @seg/db). */
export class CreateScoringTables1764200000000 implements MigrationInterface {
  name = 'CreateScoringTables1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    // The service's own copy of customers.features.v1: what a re-score reads (ingestion's tables are not ours).
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
      CREATE TABLE assignments (
        customer_id varchar(64) COLLATE "C" PRIMARY KEY,
        segment_id text NOT NULL,
        cluster int NOT NULL,
        pca_x double precision NOT NULL,
        pca_y double precision NOT NULL,
        distance double precision NOT NULL,
        model_version text NOT NULL,
        explanation jsonb NOT NULL,
        scored_at timestamptz NOT NULL
      ) WITH (fillfactor = 80)`);
    // Only columns a re-score rarely changes are indexed, and pages keep free space: a re-score that keeps
    // a customer's segment is a HOT update (no index writes), which is most of the rows of a promotion.
    await runner.query(`CREATE INDEX assignments_segment ON assignments (segment_id, customer_id)`);
    // Rows are appended in the statement that changes the segment, and only then: a replay changes nothing, so it adds nothing.
    await runner.query(`
      CREATE TABLE segment_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        customer_id varchar(64) COLLATE "C" NOT NULL,
        model_version text NOT NULL,
        from_segment text,
        to_segment text NOT NULL,
        changed_at timestamptz NOT NULL,
        reason jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX segment_history_customer ON segment_history (customer_id, changed_at, id)`);
    await runner.query(`
      CREATE TABLE rescore_jobs (
        id uuid PRIMARY KEY,
        model_version text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'superseded')),
        total int NOT NULL,
        done int NOT NULL DEFAULT 0,
        cursor varchar(64) COLLATE "C",
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text
      )`);
    await runner.query(`CREATE INDEX rescore_jobs_started_at ON rescore_jobs (started_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE rescore_jobs, segment_history, assignments, customer_features`);
  }
}
