import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the features an assignment was scored from were written. A re-score reads a page of features, scores it
 * and writes it; a feature event committed in between already wrote a newer assignment, which the re-score must
 * not replace with one from the older features. The upsert compares this column with the stored row's, and
 * ON CONFLICT evaluates that on the latest committed version, so it holds however the two writes interleave.
 * Existing rows have none (NULL): their next write sets it.
 */
export class AssignmentFeaturesStamp1764400000000 implements MigrationInterface {
  name = 'AssignmentFeaturesStamp1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE assignments ADD COLUMN features_updated_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE assignments DROP COLUMN features_updated_at`);
  }
}
