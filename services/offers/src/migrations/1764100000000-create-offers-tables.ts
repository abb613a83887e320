import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Unqualified names: the connection's search_path is the service schema (see @seg/db). */
export class CreateOffersTables1764100000000 implements MigrationInterface {
  name = 'CreateOffersTables1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    // Keyed by the semantic segment id, never by a K-Means cluster number (those change between models).
    await runner.query(`
      CREATE TABLE offers (
        segment_id varchar(32) PRIMARY KEY,
        title text NOT NULL CHECK (title <> ''),
        description text NOT NULL CHECK (description <> ''),
        product text NOT NULL CHECK (product <> ''),
        channel text NOT NULL CHECK (channel <> ''),
        terms text NOT NULL CHECK (terms <> ''),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE offer_audit (
        id bigserial PRIMARY KEY,
        segment_id varchar(32) NOT NULL REFERENCES offers (segment_id),
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        before jsonb NOT NULL,
        after jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX offer_audit_segment_latest ON offer_audit (segment_id, changed_at DESC, id DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE offer_audit, offers`);
  }
}
