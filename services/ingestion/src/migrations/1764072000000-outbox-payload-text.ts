import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox payload as the JSON text that is published: building a jsonb per changed customer (float8 →
 * numeric, keys sorted) and printing it again for the relay cost more than the rest of the upsert.
 */
export class OutboxPayloadText1764072000000 implements MigrationInterface {
  name = 'OutboxPayloadText1764072000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox ALTER COLUMN payload TYPE text USING payload::text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox ALTER COLUMN payload TYPE jsonb USING payload::jsonb`);
  }
}
