import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BulkUpsertOptions } from '@seg/db';
import type { DataSource } from 'typeorm';

/** A one-row-per-change insert into another table, as the bulk upsert of `@seg/db` runs it in its statement. */
export type ChangedRowsInsert = NonNullable<BulkUpsertOptions<string>['insertChanged']>;

export interface OutboxRecord {
  /** bigserial, as text (beyond 2^53 a number would lose digits). */
  readonly id: string;
  readonly topic: string;
  readonly key: string;
  /** The JSON text as stored: published as is, never parsed and re-serialised. */
  readonly payload: string;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A message on `topic` for every row an upsert inserts or updates, written by that same statement: a
   * message exists exactly when the change it announces committed. `key` and `payload` are SQL expressions
   * over `changed`, the upserted row, yielding text; `payloadParameters` are their `$2`, `$3` …
   */
  announceChanges(topic: string, key: string, payload: string, payloadParameters: readonly unknown[] = []): ChangedRowsInsert {
    return { table: 'outbox', columns: ['topic', 'key', 'payload'], values: ['$1', key, payload], parameters: [topic, ...payloadParameters] };
  }

  /**
   * Runs `publish` on the oldest `limit` messages, in one transaction that deletes them as it reads them and
   * commits only once `publish` resolved: a failed publish rolls the delete back. A transaction-scoped advisory
   * lock lets one relay at a time (replicas included) publish, so messages leave in id order; returns null
   * when another relay holds it.
   */
  claimOldest(limit: number, publish: (records: OutboxRecord[]) => Promise<void>): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('ingestion-outbox:' || current_schema())) AS locked`);
      if (!locked) return null;
      // One statement instead of a SELECT and a DELETE … WHERE id = ANY(<every id>).
      const records: OutboxRecord[] = await manager.query(
        `WITH claimed AS (DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $1) RETURNING id, topic, key, payload)
         SELECT id::text AS id, topic, key, payload FROM claimed ORDER BY claimed.id`,
        [limit],
      );
      if (records.length === 0) return 0;
      await publish(records);
      return records.length;
    });
  }

  async count(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox`);
    return n;
  }
}
