import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drift monitoring across replicas: each replica saves its inflow window counts and shadow K-Means state
 * (`drift_replicas`, one row each, replaced every SCORING_DRIFT_CHECK_MS), and the last overall status sent on
 * `models.health.v1` is the compare-and-set that sends each change once (`model_health_status`).
 */
export class ModelHealth1765000000000 implements MigrationInterface {
  name = 'ModelHealth1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE drift_replicas (
        replica_id text PRIMARY KEY,
        model_version text NOT NULL,
        inflow_counts float8[] NOT NULL,
        inflow_total float8 NOT NULL,
        shadow_centroids float8[] NOT NULL,
        shadow_observed float8[] NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE model_health_status (
        model_name text PRIMARY KEY,
        model_version text NOT NULL,
        status varchar(24) NOT NULL,
        signals jsonb NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE model_health_status, drift_replicas`);
  }
}
