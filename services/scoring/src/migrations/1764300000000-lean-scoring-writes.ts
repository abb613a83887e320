import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cheap bulk writes of assignments and history.
 * - No explanation column: the explanation of a current assignment is derived on read from `customer_features`
 *   and the scoring model (it is deterministic); building and storing ~340 bytes of jsonb per customer was the
 *   largest cost of a write. History rows keep theirs (the features may change later, and only moves get one).
 * - Half-empty pages: a re-score rewrites every row, and an update that finds room in its page is a HOT update
 *   (no index writes); at 80 % most rows did not fit and paid two index insertions (a 50,000-row update measured
 *   ~3.5× slower). The table is about twice as large. Only pages written from now on get the room: an existing
 *   installation reaches it through its next re-scores, or at once with VACUUM FULL.
 * - History reasons as JSON text: they are only ever read back whole, and parsing each into jsonb cost about as
 *   much as inserting the row (50,000 rows: ~0.75 s of the ~1.1 s insert).
 */
export class LeanScoringWrites1764300000000 implements MigrationInterface {
  name = 'LeanScoringWrites1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE assignments DROP COLUMN explanation`);
    await runner.query(`ALTER TABLE assignments SET (fillfactor = 45)`);
    await runner.query(`ALTER TABLE segment_history ALTER COLUMN reason TYPE text USING reason::text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE segment_history ALTER COLUMN reason TYPE jsonb USING reason::jsonb`);
    await runner.query(`ALTER TABLE assignments SET (fillfactor = 80)`);
    await runner.query(`ALTER TABLE assignments ADD COLUMN explanation jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }
}
