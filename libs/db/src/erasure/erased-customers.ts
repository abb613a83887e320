import { str } from '@seg/config';
import { CustomerIdHasher } from '@seg/contracts';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';

/** The per-deployment secret the services hash erased customer ids with (the same value in every service). */
export const erasureSaltSetting = str({
  description:
    'Secret key of the hash by which every service remembers an erased customer and the erasure audit names them (never the id); the same value in ingestion, training and scoring; changing it forgets past erasures; required in production',
  localDefault: 'local-development-only-erasure-salt',
  minLength: 16,
  secret: true,
});

/**
 * The table every service keeps of the customers erased from it: a keyed hash of the id (`CustomerIdHasher`), never the
 * id, so a replayed record of the customer is recognised and skipped without the service remembering who it was.
 */
export const CREATE_ERASED_CUSTOMERS_TABLE = `CREATE TABLE erased_customers (id_hash bigint PRIMARY KEY, erased_at timestamptz NOT NULL DEFAULT now())`;

// One lock per schema: a write of customers holds it shared for its transaction, an erasure exclusively.
const LOCK_KEY = `hashtext('customer-erasure:' || current_schema())`;
const INT8_OID = 20;
const ARRAY_HEADER_BYTES = 20;

/** `$n::int8[]` in PostgreSQL's binary array format from hashes as 32-bit halves, high then low (`CustomerIdHasher.hashes`). */
export function int8ArrayBinary(halves: Uint32Array): Buffer {
  const count = halves.length / 2;
  const buffer = Buffer.allocUnsafe(ARRAY_HEADER_BYTES + count * 12);
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(0, 4);
  buffer.writeInt32BE(INT8_OID, 8);
  buffer.writeInt32BE(count, 12);
  buffer.writeInt32BE(1, 16);
  let offset = ARRAY_HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    offset = buffer.writeInt32BE(8, offset);
    offset = buffer.writeUInt32BE(halves[2 * i], offset);
    offset = buffer.writeUInt32BE(halves[2 * i + 1], offset);
  }
  return buffer;
}

/**
 * Keeps erased customers erased in one service's schema (docs/decisions/0020-erasure-and-export.md). A write of customers
 * calls `admit` first in its transaction: it waits for an erasure in progress, holds the next one off until its commit
 * (a shared advisory lock), and says which of the customers are erased, so they are left out of every statement that
 * follows; those statements' snapshots then see every erasure committed before. An erasure calls `erase`, which takes
 * the lock exclusively and records the hashes, before it deletes the service's rows in the same transaction: a write
 * either commits before it (and its rows are deleted) or starts after it (and skips the customer). Erasures are for
 * good: a later record of the same id, however new, is skipped too.
 */
export class ErasureGuard {
  constructor(private readonly hasher: CustomerIdHasher) {}

  static fromSecret(secret: string): ErasureGuard {
    return new ErasureGuard(new CustomerIdHasher(secret));
  }

  /** The key the erasure audit keeps instead of the id. */
  idHash(customerId: string): string {
    return this.hasher.hash(customerId);
  }

  /** In a write's transaction, before its statements: the positions (0-based) in `customerIds` of erased customers. */
  async admit(manager: EntityManager, customerIds: readonly string[]): Promise<Set<number>> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared(${LOCK_KEY})`);
    if (customerIds.length === 0) return new Set();
    const rows: { ord: number }[] = await manager.query(
      `SELECT h.ord::int AS ord FROM unnest($1::int8[]) WITH ORDINALITY AS h(id_hash, ord) JOIN erased_customers e USING (id_hash)`,
      [int8ArrayBinary(this.hasher.hashes(customerIds))],
    );
    return new Set(rows.map((row) => row.ord - 1));
  }

  /**
   * In an erasure's transaction, before its deletes: waits for the writes in progress, then records the customers as
   * erased (idempotent). Returns the ids erased now, not before.
   */
  async erase(manager: EntityManager, customerIds: readonly string[]): Promise<string[]> {
    await manager.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    if (customerIds.length === 0) return [];
    const added: { id_hash: string }[] = await manager.query(
      `INSERT INTO erased_customers (id_hash) SELECT DISTINCT unnest($1::int8[]) ON CONFLICT (id_hash) DO NOTHING RETURNING id_hash`,
      [int8ArrayBinary(this.hasher.hashes(customerIds))],
    );
    const fresh = new Set(added.map((row) => row.id_hash));
    return customerIds.filter((id) => fresh.delete(this.hasher.hash(id)));
  }

  /**
   * A service's whole erasure of `customerIds` in one transaction: marks them erased (`erase`), then `deleteHeld` deletes
   * what the service holds of them. Duplicates are dropped; returns how many were erased now, not before. Idempotent.
   */
  async eraseAndDelete(dataSource: DataSource, customerIds: readonly string[], deleteHeld: (manager: EntityManager, ids: string[]) => Promise<void>): Promise<number> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return 0;
    return dataSource.transaction(async (manager) => {
      const erasedNow = await this.erase(manager, ids);
      await deleteHeld(manager, ids);
      return erasedNow.length;
    });
  }
}

/**
 * The migration of a service that only needs the markers (training, scoring): its writes leave erased customers out, so
 * a replay of `customers.features.v1` does not bring them back. Ingestion's own migration adds the audit.
 */
export class CustomerErasure1766000000000 implements MigrationInterface {
  name = 'CustomerErasure1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(CREATE_ERASED_CUSTOMERS_TABLE);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE erased_customers`);
  }
}

/** The items whose position is not in `skipped`, in order. */
export function withoutPositions<T>(items: readonly T[], skipped: ReadonlySet<number>): T[] {
  return skipped.size === 0 ? [...items] : items.filter((_, i) => !skipped.has(i));
}
