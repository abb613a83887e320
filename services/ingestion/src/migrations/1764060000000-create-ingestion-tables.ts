import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Unqualified names: the connection's search_path is the service schema (see @seg/db). */
export class CreateIngestionTables1764060000000 implements MigrationInterface {
  name = 'CreateIngestionTables1764060000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customers (
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
        source varchar(16) NOT NULL CHECK (source IN ('csv', 'kafka')),
        batch_id uuid NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE ingest_batches (
        id uuid PRIMARY KEY,
        source varchar(16) NOT NULL CHECK (source IN ('csv', 'kafka')),
        file_name text,
        status varchar(16) NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        rows_read int NOT NULL DEFAULT 0,
        rows_accepted int NOT NULL DEFAULT 0,
        rows_rejected int NOT NULL DEFAULT 0,
        rows_inserted int NOT NULL DEFAULT 0,
        rows_updated int NOT NULL DEFAULT 0,
        rows_unchanged int NOT NULL DEFAULT 0,
        warnings int NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text
      )`);
    await runner.query(`CREATE INDEX ingest_batches_started_at ON ingest_batches (started_at DESC)`);
    await runner.query(`
      CREATE TABLE rejected_rows (
        batch_id uuid NOT NULL REFERENCES ingest_batches (id) ON DELETE CASCADE,
        line int NOT NULL,
        customer_id text,
        "column" text,
        reason text NOT NULL,
        raw text NOT NULL,
        PRIMARY KEY (batch_id, line)
      )`);
    // Messages wait here from their transaction's commit until Kafka acknowledged them.
    await runner.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE outbox, rejected_rows, ingest_batches, customers`);
  }
}
