import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BulkUpsertOptions } from '@seg/db';
import type { DataSource, EntityManager } from 'typeorm';

/** An insert into another table of what an upsert changed, as the bulk upsert of `@seg/db` runs it in its statement. */
export type ChangedRowsInsert = NonNullable<BulkUpsertOptions<string>['insertChanged']>;

/** One message to publish. */
export interface OutboxRecord {
  readonly topic: string;
  readonly key: string;
  /** The JSON text as stored: published as is, never parsed and re-serialised; null for a tombstone (stored as no text). */
  readonly payload: string | null;
}

/** Ends each message of an outbox row's `records` but the last; neither a key nor a payload has one. */
export const MESSAGE_SEPARATOR = '\n';
/** Ends the key of a message in `records`; a customer id has none. */
export const KEY_SEPARATOR = '\t';

/** An outbox row as claimed: the messages of one written chunk, a `key<TAB>payload` line each. */
export interface OutboxRow {
  readonly topic: string;
  readonly records: string;
  readonly messages: number;
}

/**
 * The messages of claimed outbox rows, in order. Refuses a row whose line count differs from its `messages` or
 * with a line without a key, so nothing of a damaged row is published.
 */
export function toOutboxRecords(rows: readonly OutboxRow[]): OutboxRecord[] {
  const records: OutboxRecord[] = [];
  for (const row of rows) {
    const lines = row.records.split(MESSAGE_SEPARATOR);
    if (lines.length !== row.messages) throw new Error(`Outbox row of ${row.messages} messages on ${row.topic} holds ${lines.length}`);
    for (const line of lines) {
      const end = line.indexOf(KEY_SEPARATOR);
      if (end <= 0) throw new Error(`Outbox row on ${row.topic} holds a message without a key: ${line.slice(0, 80)}`);
      records.push({ topic: row.topic, key: line.slice(0, end), payload: end === line.length - 1 ? null : line.slice(end + 1) });
    }
  }
  return records;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A message on `topic` for every row an upsert inserts or updates, written by that same statement as ONE
   * outbox row for all of them: a message exists exactly when the change it announces committed. `key` and
   * `payload` are SQL expressions over `changed`, the upserted row, yielding text without a newline or (the key)
   * a tab; `payloadParameters` are their `$2`, `$3` … One aggregate of `key<TAB>payload` lines keeps each key
   * with its payload whatever order the rows come in.
   */
  announceChanges(topic: string, key: string, payload: string, payloadParameters: readonly unknown[] = []): ChangedRowsInsert {
    return {
      table: 'outbox',
      columns: ['topic', 'records', 'messages'],
      values: ['$1', `string_agg(${key} || E'\\t' || ${payload}, E'\\n')`, 'count(*)::int'],
      parameters: [topic, ...payloadParameters],
      aggregate: true,
    };
  }

  /**
   * Runs `publish` on the messages of the oldest outbox rows, as many rows as fit in `limit` messages but at
   * least one, in one transaction that deletes them as it reads them and commits only once `publish` resolved:
   * a failed publish rolls the delete back. A transaction-scoped advisory lock lets one relay at a time
   * (replicas included) publish, so messages leave in id order; returns null when another relay holds it,
   * else the number of messages published.
   */
  claimOldest(limit: number, publish: (records: OutboxRecord[]) => Promise<void>): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('ingestion-outbox:' || current_schema())) AS locked`);
      if (!locked) return null;
      // One statement instead of a SELECT and a DELETE … WHERE id = ANY(<every id>). A row holds at least one
      // message, so the oldest `limit` rows are enough to fill the budget.
      const rows: OutboxRow[] = await manager.query(
        `WITH oldest AS (SELECT id, messages FROM outbox ORDER BY id LIMIT $1),
              fitting AS (SELECT id FROM (SELECT id, messages, sum(messages) OVER (ORDER BY id) AS upto FROM oldest) o WHERE upto <= $1 OR upto = messages),
              claimed AS (DELETE FROM outbox WHERE id IN (SELECT id FROM fitting) RETURNING id, topic, records, messages)
         SELECT topic, records, messages FROM claimed ORDER BY id`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const records = toOutboxRecords(rows);
      await publish(records);
      return records.length;
    });
  }

  /**
   * Queues messages written by the caller's transaction itself (not by an upsert), as one outbox row: published after the
   * commit, after every row queued before. A null payload is a tombstone. Keys hold no tab or newline (customer ids).
   */
  async enqueue(manager: EntityManager, topic: string, messages: readonly { readonly key: string; readonly payload: string | null }[]): Promise<void> {
    if (messages.length === 0) return;
    const records = messages.map(({ key, payload }) => {
      if (/[\t\n]/.test(key)) throw new Error(`An outbox key holds no tab or newline: ${JSON.stringify(key)}`);
      return `${key}${KEY_SEPARATOR}${payload ?? ''}`;
    });
    await manager.query(`INSERT INTO outbox (topic, records, messages) VALUES ($1, $2, $3)`, [topic, records.join(MESSAGE_SEPARATOR), messages.length]);
  }

  /** Messages waiting to be published, and how long the oldest has waited (0 when none). */
  async backlog(): Promise<{ messages: number; oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(sum(messages), 0)::int AS messages, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age FROM outbox`,
    );
    return { messages: row.messages, oldestAgeSeconds: row.age };
  }

  /** Messages waiting to be published. */
  async count(): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT coalesce(sum(messages), 0)::int AS n FROM outbox`);
    return n;
  }
}
