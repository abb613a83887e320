import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface OutboxMessage {
  readonly key: string;
  readonly payload: object;
}

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
   * Inside the caller's transaction, so a message exists exactly when the change it announces committed.
   * The messages travel as ONE JSON document: no per-value escaping into an array literal on either side.
   */
  async add(manager: EntityManager, topic: string, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await manager.query(`INSERT INTO outbox (topic, key, payload) SELECT $1, m->>'key', m->'payload' FROM jsonb_array_elements($2::jsonb) AS m`, [
      topic,
      JSON.stringify(messages),
    ]);
  }

  /**
   * Runs `publish` on the oldest `limit` messages and deletes them once it resolves, in one transaction. A
   * transaction-scoped advisory lock lets one relay at a time (replicas included) publish, so messages leave
   * in id order; returns null when another relay holds it.
   */
  claimOldest(limit: number, publish: (records: OutboxRecord[]) => Promise<void>): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('ingestion-outbox:' || current_schema())) AS locked`);
      if (!locked) return null;
      const records: OutboxRecord[] = await manager.query(`SELECT id::text AS id, topic, key, payload::text AS payload FROM outbox ORDER BY id LIMIT $1`, [limit]);
      if (records.length === 0) return 0;
      await publish(records);
      await manager.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [records.map((r) => r.id)]);
      return records.length;
    });
  }

  async count(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox`);
    return n;
  }
}
