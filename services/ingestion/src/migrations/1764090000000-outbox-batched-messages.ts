import type { MigrationInterface, QueryRunner } from 'typeorm';
import { useLz4WhereAvailable } from './lz4-compression';

/**
 * One outbox row per written chunk instead of one per changed customer: `keys` and `payloads` hold the chunk's
 * messages separated by newlines and `messages` counts them (a row written before this migration is one message).
 * The columns are renamed on purpose: during a rolling upgrade, an ingestion pod of the previous version would
 * publish a batched row as ONE message (every key joined); with `key` and `payload` gone its relay and its writes
 * fail, loudly and harmlessly (nothing is claimed or committed), until the new pods replace it.
 * Inserting, indexing, deleting and vacuuming a tuple per customer cost PostgreSQL more than the upsert itself.
 * The batch texts are large (≈ 0.5 kB per message): lz4 compresses them at a fraction of pglz's cost, where the
 * server has it (the Debian and Docker builds do).
 */
export class OutboxBatchedMessages1764090000000 implements MigrationInterface {
  name = 'OutboxBatchedMessages1764090000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox ADD COLUMN messages int NOT NULL DEFAULT 1 CHECK (messages > 0)`);
    await runner.query(`ALTER TABLE outbox RENAME COLUMN key TO keys`);
    await runner.query(`ALTER TABLE outbox RENAME COLUMN payload TO payloads`);
    await useLz4WhereAvailable(runner, 'outbox', ['keys', 'payloads']);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Back to one row per message: the batched rows are split first.
    await runner.query(`
      INSERT INTO outbox (topic, keys, payloads, created_at)
      SELECT o.topic, k.key, p.payload, o.created_at FROM outbox o,
        LATERAL unnest(string_to_array(o.keys, E'\\n')) WITH ORDINALITY AS k (key, n)
        JOIN LATERAL unnest(string_to_array(o.payloads, E'\\n')) WITH ORDINALITY AS p (payload, n) USING (n)
      WHERE o.messages > 1 ORDER BY o.id, k.n`);
    await runner.query(`DELETE FROM outbox WHERE messages > 1`);
    await runner.query(`ALTER TABLE outbox ALTER COLUMN keys SET COMPRESSION default, ALTER COLUMN payloads SET COMPRESSION default`);
    await runner.query(`ALTER TABLE outbox RENAME COLUMN keys TO key`);
    await runner.query(`ALTER TABLE outbox RENAME COLUMN payloads TO payload`);
    await runner.query(`ALTER TABLE outbox DROP COLUMN messages`);
  }
}
