import type { MigrationInterface, QueryRunner } from 'typeorm';
import { useLz4WhereAvailable } from './lz4-compression';

/**
 * An outbox row's messages as ONE text of `key<TAB>payload` lines (`records`) instead of a text of keys and a
 * text of payloads. The two texts came from two `string_agg` calls, paired only because PostgreSQL happens to
 * feed every aggregate of a step each row in the same order; one aggregate pairs them by construction. Customer
 * ids have no tab or newline (contracts), JSON text neither. lz4 where the server has it, as for the columns it replaces.
 */
export class OutboxPairedRecords1764500000000 implements MigrationInterface {
  name = 'OutboxPairedRecords1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox ADD COLUMN records text`);
    await runner.query(`
      UPDATE outbox o SET records = (
        SELECT string_agg(k.key || E'\\t' || p.payload, E'\\n' ORDER BY k.n)
        FROM unnest(string_to_array(o.keys, E'\\n')) WITH ORDINALITY AS k (key, n)
        JOIN unnest(string_to_array(o.payloads, E'\\n')) WITH ORDINALITY AS p (payload, n) USING (n))`);
    await runner.query(`ALTER TABLE outbox ALTER COLUMN records SET NOT NULL, DROP COLUMN keys, DROP COLUMN payloads`);
    await useLz4WhereAvailable(runner, 'outbox', ['records']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE outbox ADD COLUMN keys text, ADD COLUMN payloads text`);
    await runner.query(`
      UPDATE outbox o SET (keys, payloads) = (
        SELECT string_agg(split_part(r.line, E'\\t', 1), E'\\n' ORDER BY r.n), string_agg(substr(r.line, strpos(r.line, E'\\t') + 1), E'\\n' ORDER BY r.n)
        FROM unnest(string_to_array(o.records, E'\\n')) WITH ORDINALITY AS r (line, n))`);
    await runner.query(`ALTER TABLE outbox ALTER COLUMN keys SET NOT NULL, ALTER COLUMN payloads SET NOT NULL, DROP COLUMN records`);
    await useLz4WhereAvailable(runner, 'outbox', ['keys', 'payloads']);
  }
}
